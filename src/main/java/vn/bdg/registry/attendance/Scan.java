package vn.bdg.registry.attendance;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One scan as a phone sends it: a card's QR text, or a participant id for a manual check-in. */
public record Scan(UUID sessionId, UUID clientScanId, String qr, UUID participantId, String method,
                   OffsetDateTime scannedAt, String deviceId) {
}
