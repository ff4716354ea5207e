package vn.bdg.registry.card;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The digest naming a revoked card in the province's list is the one openapi.yaml tells clients to compute. */
class RevocationDigestTest {
    @Test
    void theContractsWorkedExample() {
        // RevokedCardDigests: SHA-256 of "card:06:0b6f1c2a-3d4e-4f50-8a9b-0c1d2e3f4a5b:2", 16 bytes, base64url
        assertThat(CardService.revocationDigest("06", UUID.fromString("0B6F1C2A-3D4E-4F50-8A9B-0C1D2E3F4A5B"), 2))
                .isEqualTo("_6HwivX6D67Gu5-VRFMvRw");
    }

    @Test
    void eachClaimChangesIt() {
        UUID id = UUID.fromString("0b6f1c2a-3d4e-4f50-8a9b-0c1d2e3f4a5b");
        String digest = CardService.revocationDigest("06", id, 2);
        assertThat(digest).matches("[A-Za-z0-9_-]{22}")
                .isNotEqualTo(CardService.revocationDigest("07", id, 2))
                .isNotEqualTo(CardService.revocationDigest("06", id, 12))
                .isNotEqualTo(CardService.revocationDigest("06", UUID.fromString("0b6f1c2a-3d4e-4f50-8a9b-0c1d2e3f4a5c"), 2));
    }
}
