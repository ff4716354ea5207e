package vn.bdg.registry.participant;

import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.PARTICIPANT;

/**
 * The name search reads the GiST nearest-neighbour scan through a cursor and stops after the page's
 * ties. A JDBC portal (fetchSize) is planned for its whole result, so without a limit PostgreSQL
 * chose a bitmap scan of every match and a sort of them all before the first row came (found in
 * review: 1-4 s a search on 1,000,000 people). The plan is what a user waits for, and no result
 * shows it: this test reads it.
 */
class ParticipantSearchPlanIT {
    private final World world = World.create();

    @Test
    void theCursorOfANameSearchIsServedByTheNearestNeighbourScanNotBySortingEveryMatch() {
        DSLContext plain = TestServer.get().database.dsl();
        // a province of 60,000 people with the few hundred names of the north's common parts
        plain.execute("""
                insert into participant (province_code, full_name, sex, unit_code)
                select ?, (array['Nguyễn','Hoàng','Nông','Triệu','Lương','Hà','Ma','Đàm','Lý','Bế','Lục','Dương'])[1 + i % 12]
                       || ' Thị ' ||
                       (array['Hoà','Lan','Hương','Mai','Thảo','Huyền','Nga','Thuỷ','Hạnh','Liên','Phượng','Yến','Dung',
                              'Nhung','Loan','Hằng','Ngọc Anh','Thu Trang','Minh Châu','Bích'])[1 + (i / 12) % 20],
                       'female', ?
                from generate_series(1, 60000) i""", world.province, world.communeA1);
        plain.execute("analyze participant");

        List<String> statements = new ArrayList<>();
        ExecuteListener recorder = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                statements.add(ctx.sql());
            }
        };
        DSLContext recorded = DSL.using(TestServer.get().database.dataSource(), SQLDialect.POSTGRES,
                        new Settings().withStatementType(StatementType.STATIC_STATEMENT))
                .configuration().derive(new DefaultExecuteListenerProvider(recorder)).dsl();

        List<ParticipantRepository.Scored> page = new ParticipantRepository(recorded).searchByName(
                PARTICIPANT.PROVINCE_CODE.eq(world.province).and(PARTICIPANT.MERGED_INTO.isNull()),
                "nguyen thi huyen", 0, 21);
        assertThat(page).hasSize(21);

        List<String> searches = statements.stream().filter(s -> s.contains("<->>")).toList();
        assertThat(searches).as("one statement: the cursor's").hasSize(1);
        String fullPlan = String.join("\n", plain.fetch("explain " + searches.get(0)).getValues(0, String.class));
        assertThat(fullPlan).as("the cursor's statement as PostgreSQL plans it:\n" + fullPlan + "\n")
                .contains("Index Scan using participant_name_knn")
                .doesNotContain("Sort");
    }
}
