package vn.bdg.registry.report;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.unit.AdminUnit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnitTreeTest {
    // province 06 with two districts; commune 06101 was merged into the new commune 06901, directly under the province
    private final UnitTree tree = new UnitTree(List.of(
            unit("06", "province", null, null),
            unit("061", "district", "06", null),
            unit("062", "district", "06", null),
            unit("06101", "commune", "061", "06901"),
            unit("06102", "commune", "061", null),
            unit("06201", "commune", "062", null),
            unit("06901", "commune", "06", null)));

    private static AdminUnit unit(String code, String level, String parent, String successor) {
        return new AdminUnit(code, "Đơn vị " + code, level, parent, null, null, successor);
    }

    private static Map<String, String> buckets(IndicatorRepository.Units units) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < units.codes().length; i++) {
            m.put(units.codes()[i], units.buckets()[i] + "/" + units.levels()[i]);
        }
        return m;
    }

    @Test
    void eachUnitCountsInTheReportUnitsRowOrInTheRowOfItsChildAbove() {
        assertThat(buckets(tree.map("06", false, true))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "06", "06/province", "061", "061/district", "062", "062/district", "06101", "061/commune",
                "06102", "061/commune", "06201", "062/commune", "06901", "06901/commune"));
        assertThat(buckets(tree.map("061", false, false))).containsOnlyKeys("061", "06101", "06102");
        assertThat(tree.rows("06", false)).containsExactly("06", "061", "062", "06901");
    }

    @Test
    void oldUnitsCountAsTheirSuccessorWhenAsked() {
        Map<String, String> mapped = buckets(tree.map("06", true, true));
        assertThat(mapped.get("06101")).isEqualTo("06901/commune");
        assertThat(buckets(tree.map("061", true, false))).as("the old commune left the district")
                .containsOnlyKeys("061", "06102");
        assertThat(buckets(tree.map("06901", true, false))).containsOnlyKeys("06901", "06101");
        assertThat(tree.rows("061", true)).as("an old unit has no row of its own").containsExactly("061", "06102");
    }
}
