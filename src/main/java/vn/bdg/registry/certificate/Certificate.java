package vn.bdg.registry.certificate;

import vn.bdg.registry.text.VietnameseText;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A certificate as the people who issue it see it: everything it prints, who issued it, its
 * credential, and its check code (as printed), which an organiser may tell the holder.
 */
public record Certificate(String number, String status, UUID courseId, UUID participantId, String holderName,
                          Integer birthYear, String unitName, String courseTitle, LocalDate startDate,
                          LocalDate endDate, BigDecimal hours, String organizer, String place, LocalDate issueDate,
                          String signerName, String signerTitle, OffsetDateTime issuedAt, UUID issuedBy,
                          String manualReason, OffsetDateTime revokedAt, UUID revokedBy, String revocationReason,
                          String credential, String checkCode, String verificationUrl) {

    /**
     * What anyone may learn from a certificate's number: nothing about the holder beyond the name,
     * and of the name only the initials unless holderConfirmed (the asker showed they hold the
     * certificate: its check code or its signed credential).
     */
    public record Public(String number, String status, String holderName, boolean holderConfirmed,
                         String courseTitle, LocalDate startDate, LocalDate endDate, BigDecimal hours,
                         String organizer, OffsetDateTime issuedAt, OffsetDateTime revokedAt,
                         String revocationReason) {
    }

    public Public publicView(boolean holderConfirmed) {
        return new Public(number, status, holderConfirmed ? holderName : VietnameseText.initials(holderName),
                holderConfirmed, courseTitle, startDate, endDate, hours, organizer, issuedAt, revokedAt,
                revocationReason);
    }

    /** The text of the QR code: the verification page, and after the # (never sent to a server) the credential. */
    public String qrText() {
        return verificationUrl + "#" + credential;
    }
}
