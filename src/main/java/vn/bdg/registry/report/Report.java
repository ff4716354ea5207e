package vn.bdg.registry.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A computed report: the period, the unit it is of, the breakdowns asked for, and one row per
 * indicator and breakdown value (zero rows included). Rendered as JSON, CSV, XLSX or DHIS2.
 */
record Report(Period period, String unitCode, String unitName, List<Breakdown> by, boolean mapSuccessors,
              List<String> indicators, List<Row> rows, Labels labels) {

    /**
     * One cell: its breakdown values (null value: not recorded; breakdowns that do not apply to the
     * indicator are absent), the value, and what it is made of.
     */
    record Row(Indicator indicator, Map<Breakdown, String> cell, BigDecimal value, Long numerator, Long denominator,
               Long planned) {
    }

    /** The report as the API answers it (IndicatorReport). */
    Map<String, Object> toJson(Locale locale) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("period", period.label());
        json.put("from", period.from().toString());
        json.put("to", period.to().toString());
        json.put("unit", unitCode);
        json.put("unitName", unitName);
        json.put("by", by.stream().map(b -> b.param).toList());
        json.put("mapSuccessors", mapSuccessors);
        json.put("indicators", indicators);
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(rowJson(row, locale));
        }
        json.put("rows", out);
        return json;
    }

    private Map<String, Object> rowJson(Row row, Locale locale) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("indicator", row.indicator().code());
        json.put("label", row.indicator().label(locale));
        json.put("definition", row.indicator().definition(locale));
        json.put("valueType", row.indicator().unit());
        json.put("counts", row.indicator().counts());
        json.put("counted", row.indicator().countsCourses() ? "courses" : "people");
        json.put("period", period.name());
        row.cell().forEach((b, v) -> json.put(b.key, jsonValue(b, v)));
        json.put("value", row.value());
        json.put("numerator", row.numerator());
        json.put("denominator", row.denominator());
        json.put("planned", row.planned());
        return json;
    }

    /** Breakdown values are text in SQL; ethnicMinority is a boolean in JSON. */
    static Object jsonValue(Breakdown b, String value) {
        return b == Breakdown.ETHNIC_MINORITY && value != null ? Boolean.valueOf(value) : value;
    }

    /** Vietnamese names of breakdown values, for the files. */
    record Labels(Map<Breakdown, Map<String, String>> names) {
        static final String UNRECORDED = "Không xác định";

        String of(Breakdown b, String value) {
            if (value == null) {
                return UNRECORDED;
            }
            return names.getOrDefault(b, Map.of()).getOrDefault(value, value);
        }
    }
}
