package vn.bdg.registry.participant;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.World;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.participant.Participants.assertNoNationalId;
import static vn.bdg.registry.participant.Participants.create;
import static vn.bdg.registry.participant.Participants.id;
import static vn.bdg.registry.participant.Participants.q;

class ParticipantSearchIT {
    private final World world = World.create();
    // the same name with the tone mark on different letters, and in NFC and NFD
    private final String hoaOnA = id(create(world.organizer, "fullName", "Nguyễn Thị Hoà", "sex", "female",
            "unitCode", world.communeA1, "targetGroups", List.of("commune_collaborators")));
    private final String hoaOnO = id(create(world.organizer, "fullName",
            Normalizer.normalize("Nguyễn Thị Hòa", Normalizer.Form.NFD), "sex", "female", "unitCode", world.communeB1,
            "phone", "0912345678", "nationalId", "006185000123"));
    private final String other = id(create(world.organizer, "fullName", "Trần Văn Đức", "sex", "male",
            "unitCode", world.communeA2));

    private List<String> search(String query) {
        Api.Res res = world.reporter.get("/api/v1/participants?q=" + q(query));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertNoNationalId(res);
        return res.ids();
    }

    @Test
    void aNameWithoutDiacriticsFindsEverySpellingOfIt() {
        assertThat(search("nguyen thi hoa")).containsExactlyInAnyOrder(hoaOnA, hoaOnO);
        assertThat(search("NGUYEN THI HOA")).containsExactlyInAnyOrder(hoaOnA, hoaOnO);
    }

    @Test
    void aNameWithDiacriticsInNfcOrNfdFindsTheSamePeople() {
        assertThat(search("Nguyễn Thị Hòa")).containsExactlyInAnyOrder(hoaOnA, hoaOnO);
        assertThat(search(Normalizer.normalize("Nguyễn Thị Hoà", Normalizer.Form.NFD)))
                .containsExactlyInAnyOrder(hoaOnA, hoaOnO);
        assertThat(search("đức")).containsExactly(other);
    }

    @Test
    void typosArePardonedAndTheBestMatchComesFirst() {
        String hao = id(create(world.organizer, "fullName", "Nguyễn Thị Hảo", "sex", "female"));
        assertThat(search("nguyen thi hao").get(0)).isEqualTo(hao);
        assertThat(search("nguyen thi hao")).contains(hoaOnA, hoaOnO);
        assertThat(search("nguyen thj hoa")).contains(hoaOnA, hoaOnO);
        assertThat(search("ngyuen thi hoa")).contains(hoaOnA, hoaOnO);
        assertThat(search("tran van duc")).containsExactly(other);
    }

    @Test
    void aPartOfTheNameIsEnough() {
        assertThat(search("hoa")).contains(hoaOnA, hoaOnO).doesNotContain(other);
        assertThat(search("van duc")).containsExactly(other);
    }

    @Test
    void aPhoneInAnyFormatFindsItsOwner() {
        for (String phone : List.of("0912345678", "+84912345678", "84 912 345 678", "0912.345.678", "912345678")) {
            assertThat(search(phone)).as(phone).containsExactly(hoaOnO);
        }
        assertThat(search("0912345679")).isEmpty();
    }

    @Test
    void aNationalIdNumberFindsOnlyAnExactMatch() {
        assertThat(search("006185000123")).containsExactly(hoaOnO);
        assertThat(search("006185000124")).isEmpty();
        assertThat(search("00618500012")).isEmpty();
    }

    @Test
    void filtersNarrowTheSearch() {
        assertThat(world.reporter.get("/api/v1/participants?q=hoa&unit=" + world.districtA).ids())
                .containsExactly(hoaOnA);
        assertThat(world.reporter.get("/api/v1/participants?unit=" + world.districtB).ids()).containsExactly(hoaOnO);
        assertThat(world.reporter.get("/api/v1/participants?q=hoa&targetGroup=commune_collaborators").ids())
                .containsExactly(hoaOnA);
    }

    @Test
    void searchResultsArePagedWithoutGapsOrRepeats() {
        for (int i = 0; i < 5; i++) {
            create(world.organizer, "fullName", "Nguyễn Thị Hoa", "sex", "female", "birthYear", 1980 + i);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Api.Res page = world.reporter.get("/api/v1/participants?limit=3&q=" + q("nguyen thi hoa")
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            seen.addAll(page.ids());
            JsonNode next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asText();
        } while (cursor != null);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates().contains(hoaOnA, hoaOnO);

        String listCursor = world.reporter.get("/api/v1/participants?limit=1").json().get("nextCursor").asText();
        assertThat(world.reporter.get("/api/v1/participants?q=hoa&cursor=" + listCursor).status())
                .as("a cursor of the plain list is not one of a search").isEqualTo(400);
    }
}
