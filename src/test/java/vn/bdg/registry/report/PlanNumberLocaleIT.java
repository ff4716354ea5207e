package vn.bdg.registry.report;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.CLocaleDatabase;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plan number is unique in its province and year without regard to letter case, also for the
 * Vietnamese letters of its abbreviations ("BĐG", "ĐTN"), and whatever the database's LC_CTYPE:
 * with the C locale (the embedded PostgreSQL started without LANG, some managed servers) upper()
 * changes ASCII letters only, so "05/KH-BĐG" and "05/kh-bđg" were two different numbers there
 * (as SearchKeyLocaleIT found for the search keys).
 */
class PlanNumberLocaleIT {
    @Test
    void aNumberDifferingOnlyInTheCaseOfAVietnameseLetterIsTakenOnADatabaseWithTheCLocale() throws Exception {
        CLocaleDatabase.with(dsl -> {
            PlanRepository plans = new PlanRepository(dsl);
            LocalDate issued = LocalDate.of(2026, 2, 1);
            dsl.transaction(trx -> plans.insert(trx.dsl(), "06", new Plan(null, "05/KH-BĐG", issued, 2026,
                    "Kế hoạch bình đẳng giới năm 2026", List.of(), null), null));
            dsl.transaction(trx -> {
                assertThat(plans.numberTaken(trx.dsl(), "06", "05/KH-BĐG", issued, null)).isTrue();
                assertThat(plans.numberTaken(trx.dsl(), "06", "05/kh-bđg", issued, null))
                        .as("the same number in small letters").isTrue();
                assertThat(plans.numberTaken(trx.dsl(), "06", "05 / KH - BĐG", issued, null))
                        .as("the same number with spaces").isTrue();
            });
        });
    }
}
