package vn.bdg.registry.certificate;

import vn.bdg.registry.card.Ed25519;
import vn.bdg.registry.card.SigningKeys;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The credential a certificate carries in its QR code: a compact JWS (EdDSA, kid in the header)
 * signed with the province's key over the certificate's essential fields, so that anyone with the
 * province's public keys can check offline that the printed certificate says what was issued.
 */
final class Credential {
    static final String TYPE = "certificate";

    /** The signed fields, under their names in the JWS payload. by, hours and org may be absent (null). */
    record Claims(String iss, String num, String name, Integer by, String course, LocalDate from, LocalDate to,
                  BigDecimal hours, String org, long iat) {
    }

    private Credential() {
    }

    static String sign(SigningKeys.Key key, Claims c) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("typ", TYPE);
        payload.put("iss", c.iss());
        payload.put("num", c.num());
        payload.put("name", c.name());
        if (c.by() != null) {
            payload.put("by", c.by());
        }
        payload.put("course", c.course());
        payload.put("from", c.from().toString());
        payload.put("to", c.to().toString());
        if (c.hours() != null) {
            // 16 rather than 16.0, and never 1.6E+1
            BigDecimal hours = c.hours().stripTrailingZeros();
            payload.put("hours", hours.scale() <= 0 ? (Object) hours.longValue() : hours.doubleValue());
        }
        if (c.org() != null) {
            payload.put("org", c.org());
        }
        payload.put("iat", c.iat());
        return Ed25519.sign(key.kid(), key.privateKey(), payload);
    }

    /** The fields of a certificate credential's payload; empty when it is not one (e.g. a card token). */
    static Optional<Claims> claims(Map<String, Object> p) {
        try {
            if (!TYPE.equals(p.get("typ")) || !(p.get("iss") instanceof String iss)
                    || !(p.get("num") instanceof String num) || !(p.get("name") instanceof String name)
                    || !(p.get("course") instanceof String course) || !(p.get("from") instanceof String from)
                    || !(p.get("to") instanceof String to) || !(p.get("iat") instanceof Number iat)) {
                return Optional.empty();
            }
            Integer by = p.get("by") instanceof Number n ? n.intValue() : null;
            BigDecimal hours = p.get("hours") instanceof Number n ? new BigDecimal(n.toString()) : null;
            String org = p.get("org") instanceof String s ? s : null;
            return Optional.of(new Claims(iss, num, name, by, course, LocalDate.parse(from), LocalDate.parse(to),
                    hours, org, iat.longValue()));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
