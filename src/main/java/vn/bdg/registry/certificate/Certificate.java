package vn.bdg.registry.certificate;

import vn.bdg.registry.participant.Erased;
import vn.bdg.registry.text.VietnameseText;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A certificate as the people who issue it see it: everything it prints, who issued it, its
 * credential, and its check code (as printed), which an organiser may tell the holder.
 * holderErasedAt: when the holder's personal data was erased at their request (the certificate is
 * then revoked, and holderName is {@link Erased#NAME}).
 */
public record Certificate(String number, String status, UUID courseId, UUID participantId, String holderName,
                          Integer birthYear, String unitName, String courseTitle, LocalDate startDate,
                          LocalDate endDate, BigDecimal hours, String organizer, String place, LocalDate issueDate,
                          String signerName, String signerTitle, OffsetDateTime issuedAt, UUID issuedBy,
                          String manualReason, OffsetDateTime revokedAt, UUID revokedBy, String revocationReason,
                          String credential, String checkCode, String verificationUrl,
                          OffsetDateTime holderErasedAt) {

    /**
     * What anyone may learn from a certificate's number: nothing about the holder beyond the name,
     * and of the name only the initials unless holderConfirmed (the asker showed they hold the
     * certificate: its check code or its signed credential), and so is the reason for a revocation,
     * which is written about the holder (a name put right, an absence, a fraud). holderErased: the
     * holder's personal data was erased at their request; the name is then the fixed placeholder,
     * never confirmed, and the reason the fixed one of an erasure.
     */
    public record Public(String number, String status, String holderName, boolean holderConfirmed,
                         boolean holderErased, String courseTitle, LocalDate startDate, LocalDate endDate,
                         BigDecimal hours, String organizer, OffsetDateTime issuedAt, OffsetDateTime revokedAt,
                         String revocationReason) {
    }

    public Public publicView(boolean holderConfirmed) {
        if (holderErasedAt != null) {
            // nobody can be confirmed as the holder of a certificate the registry no longer knows the holder of
            return new Public(number, status, Erased.NAME, false, true, courseTitle, startDate, endDate, hours,
                    organizer, issuedAt, revokedAt, revocationReason);
        }
        // numbers are sequential and the revoked ones listed publicly: by number alone, that it was
        // revoked and when, not what was written about its holder
        return new Public(number, status, holderConfirmed ? holderName : VietnameseText.initials(holderName),
                holderConfirmed, false, courseTitle, startDate, endDate, hours, organizer, issuedAt, revokedAt,
                holderConfirmed ? revocationReason : null);
    }

    /** The text of the QR code: the verification page, and after the # (never sent to a server) the credential. */
    public String qrText() {
        return verificationUrl + "#" + credential;
    }
}
