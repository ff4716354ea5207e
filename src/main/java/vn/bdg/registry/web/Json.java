package vn.bdg.registry.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.TimeZone;
import java.util.regex.Pattern;

/** The one ObjectMapper: strict on input (unknown fields and type coercions are errors). */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                              JsonDeserializer<?> deserializer) {
                    Class<?> type = description.getBeanClass();
                    return type == LocalDate.class || type == OffsetDateTime.class || type == LocalTime.class
                            ? new IsoText(deserializer) : deserializer;
                }
            }))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // times are written in UTC: read from the database they carry the offset of its session's
            // zone (the JVM's), so the same instant would otherwise read differently from answer to answer
            .defaultTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC))
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            // a number or boolean where text is expected is a client error, not text
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            // nor is blank text a number, a boolean or an id: Jackson reads " " (and "" for an id) as
            // null, so that {"capacity": " "} from a form's empty field cleared the capacity
            .withCoercionConfigDefaults(c -> c.setAcceptBlankAsEmpty(false))
            .withCoercionConfig(LogicalType.OtherScalar, c -> c
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .build();

    private Json() {
    }

    /** The years a date or time of a request may have: ISO 8601's four digits, all of which PostgreSQL stores. */
    public static final int FIRST_YEAR = 1;
    public static final int LAST_YEAR = 9999;

    public static boolean inRange(int year) {
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    /** The error of a date or time outside FIRST_YEAR–LAST_YEAR, in a body or a query parameter. */
    static FieldError outOfRange(String field) {
        return new FieldError(field, "out_of_range", String.format("%04d-01-01", FIRST_YEAR), LAST_YEAR + "-12-31");
    }

    /** A well-formed date or time outside FIRST_YEAR–LAST_YEAR (such as +300000-01-01). */
    public static final class OutOfRange extends JsonMappingException {
        OutOfRange(JsonParser parser) {
            super(parser, "out_of_range");
        }
    }

    /**
     * A date or time only as the ISO 8601 text the contract names, read as Jackson does, then refused
     * when outside the years a request may have. Jackson would also take a number, as such or as
     * text (as seconds since 1970: a phone sending 0 for "no time known" would store a scan of
     * 1970), or an array of fields. A date is only a date: Jackson also takes a date and time
     * for one, keeping the day it names in UTC ("2026-11-14T17:00:00Z", a browser's 15/11 at
     * midnight in Vietnam, was stored as 14/11).
     */
    private static final class IsoText extends DelegatingDeserializer {
        /** A number written as text ("0", "1700000000.5"), which Jackson also reads as seconds since 1970. */
        private static final Pattern SECONDS = Pattern.compile("\\s*[+-]?[0-9]+(\\.[0-9]*)?\\s*");

        IsoText(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new IsoText(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING) || SECONDS.matcher(parser.getText()).matches()
                    || handledType() == LocalDate.class && parser.getText().indexOf('T') >= 0) {
                return context.reportInputMismatch(handledType(), "a date or time is ISO 8601 text");
            }
            Object value = super.deserialize(parser, context);
            boolean inRange = value instanceof LocalDate date ? inRange(date.getYear())
                    // both as written and in UTC, as it is stored (0001-01-01T00:00+18:00 is in year 0 there)
                    : !(value instanceof OffsetDateTime time) || inRange(time.getYear())
                            && inRange(time.withOffsetSameInstant(ZoneOffset.UTC).getYear());
            if (!inRange) {
                throw new OutOfRange(parser);
            }
            return value;
        }
    }
}
