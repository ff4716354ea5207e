package vn.bdg.registry.attendance;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server and the phone (src/main/web/src/verify.js, which decodes every segment as strict
 * base64url) give the same verdict for the same QR text: a card's signature segment that is not
 * base64url (padding, the standard alphabet, a stray character) is not a compact JWS, so
 * invalid_card on both, not accepted by the server while the phone showed "invalid card".
 */
class CardTokenTextIT {
    private final World world = World.create();
    private final UUID course = Fixtures.courseToday(world, world.districtA);
    private final UUID hoa = Fixtures.participant(world, "Nguyễn Thị Hoà", "female", world.communeA1);

    CardTokenTextIT() {
        Fixtures.enroll(world, course, hoa);
    }

    private String scan(UUID session, String qr) {
        Api.Res res = world.organizer.post("/api/v1/sessions/" + session + "/check-ins", CheckInIT.scan(qr));
        assertThat(res.status()).as(res.body()).isIn(200, 201);
        return res.json().get("outcome").asText();
    }

    @Test
    void aSignatureSegmentThatIsNotBase64urlIsAnInvalidCardAsOnThePhone() {
        String token = world.organizer.get("/api/v1/participants/" + hoa + "/card").json().get("token").asText();
        String[] parts = token.split("\\.");
        String head = parts[0] + "." + parts[1] + ".";
        String sig = parts[2];
        List<String> notCards = new java.util.ArrayList<>(List.of(
                token + "==",                                                 // padded
                head + sig.substring(0, 40) + "!" + sig.substring(40),        // a stray character
                head + sig.substring(0, 40) + " " + sig.substring(40)));      // a space inside
        String standardAlphabet = head + sig.replace('-', '+').replace('_', '/');
        if (!standardAlphabet.equals(token)) {
            notCards.add(standardAlphabet); // base64, not base64url (when the signature has a - or _)
        }
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String qr : notCards) {
            // a fresh session each, so an earlier acceptance does not turn the next into already_checked_in
            outcomes.put(qr, scan(Fixtures.sessionNow(world, course), qr));
        }
        assertThat(outcomes).allSatisfy((qr, outcome) -> assertThat(outcome).as(qr).isEqualTo("invalid_card"));
        assertThat(scan(Fixtures.sessionNow(world, course), token)).isEqualTo("accepted");
    }
}
