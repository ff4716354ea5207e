package vn.bdg.registry.certificate;

import vn.bdg.registry.card.Ed25519;
import vn.bdg.registry.card.SigningKeys;
import vn.bdg.registry.print.CertificatePdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * A certificate as an Open Badges 3.0 {@code OpenBadgeCredential} (a W3C Verifiable Credential,
 * data model 2.0), and the province's revocation list as a Bitstring Status List credential. Both
 * are secured the VC-JOSE-COSE way: the credential is the payload of a compact JWS ({@code typ}
 * {@code vc+jwt}, EdDSA, the province's key id), so any JOSE library checks it against
 * {@code GET /api/v1/keys}. A badge says what the public check of its number says, nothing more.
 */
final class OpenBadge {
    static final String MEDIA_TYPE = "application/vc";
    static final String SECURED_MEDIA_TYPE = "application/vc+jwt";
    private static final String VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
    private static final String OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
    /** The shortest list Bitstring Status List v1.0 allows (16 KiB), so that one status hides among many. */
    static final int MIN_LIST_BITS = 131_072;
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /**
     * What a badge takes from outside the certificate. issuerId: the province's key set URL; the
     * organiser's id may be null; statusList: the URL of the province's status list of the year.
     */
    record Sources(String issuerId, String provinceName, UUID organizerId, BigDecimal minAttendanceShare,
                   String statusList) {
    }

    private OpenBadge() {
    }

    /**
     * The credential: issued by the province (whose key signs it), awarding the course (created by
     * its organiser) to the holder, who is named by their name alone: no e-mail, no DID, no
     * personal number. Its id is the certificate's verification page, with the check code that
     * shows the full name there: the badge names the holder anyway. A badge signed before codes
     * existed keeps its id without one, and its signature still holds.
     */
    static Map<String, Object> credential(Certificate c, Sources s) {
        Map<String, Object> achievement = new LinkedHashMap<>();
        achievement.put("id", "urn:uuid:" + c.courseId());
        achievement.put("type", List.of("Achievement"));
        achievement.put("achievementType", "CertificateOfCompletion");
        achievement.put("name", c.courseTitle());
        achievement.put("description", "Hoàn thành khóa học “" + c.courseTitle() + "”. "
                + CertificatePdf.datesLine(c.startDate(), c.endDate(), c.hours()) + "."
                + (c.organizer() == null ? "" : " Đơn vị tổ chức: " + c.organizer() + "."));
        achievement.put("criteria", Map.of("narrative", criteria(s.minAttendanceShare())));
        if (c.organizer() != null && s.organizerId() != null) {
            achievement.put("creator", profile("urn:uuid:" + s.organizerId(), c.organizer()));
        }
        achievement.put("inLanguage", "vi");

        Map<String, Object> name = new LinkedHashMap<>();
        name.put("type", "IdentityObject");
        name.put("identityType", "name");
        name.put("hashed", false);
        name.put("identityHash", c.holderName());
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("type", List.of("AchievementSubject"));
        subject.put("identifier", List.of(name));
        subject.put("activityStartDate", inVietnam(c.startDate(), LocalTime.MIDNIGHT));
        subject.put("activityEndDate", inVietnam(c.endDate(), LocalTime.of(23, 59, 59)));
        subject.put("achievement", achievement);

        CertificateNumber.Parts number = CertificateNumber.Parts.of(c.number());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", s.statusList() + "#" + number.counter());
        status.put("type", "BitstringStatusListEntry");
        status.put("statusPurpose", "revocation");
        status.put("statusListIndex", String.valueOf(number.counter()));
        status.put("statusListCredential", s.statusList());

        Map<String, Object> vc = new LinkedHashMap<>();
        vc.put("@context", List.of(VC_CONTEXT, OB_CONTEXT));
        vc.put("id", c.verificationUrl());
        vc.put("type", List.of("VerifiableCredential", "OpenBadgeCredential"));
        vc.put("name", "Giấy chứng nhận – " + c.courseTitle());
        vc.put("issuer", profile(s.issuerId(), s.provinceName()));
        vc.put("validFrom", timestamp(c.issuedAt().toInstant()));
        vc.put("credentialSubject", subject);
        vc.put("credentialStatus", status);
        return vc;
    }

    /**
     * The province's revocation statuses of one year's certificates: bit n (the first bit is the
     * high bit of the first byte) is set when certificate number n of that year is revoked. The
     * list covers every number counted so far, in steps of the minimum length.
     */
    static Map<String, Object> statusList(String url, String issuerId, OffsetDateTime at, int lastCounted,
                                          Collection<Integer> revoked) {
        int bits = (lastCounted / MIN_LIST_BITS + 1) * MIN_LIST_BITS;
        byte[] list = new byte[bits / 8];
        for (int n : revoked) {
            list[n >>> 3] |= (byte) (0x80 >>> (n & 7));
        }
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("id", url + "#list");
        subject.put("type", "BitstringStatusList");
        subject.put("statusPurpose", "revocation");
        subject.put("encodedList", "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(gzip(list)));
        Map<String, Object> vc = new LinkedHashMap<>();
        vc.put("@context", List.of(VC_CONTEXT));
        vc.put("id", url);
        vc.put("type", List.of("VerifiableCredential", "BitstringStatusListCredential"));
        vc.put("issuer", issuerId);
        vc.put("validFrom", timestamp(at.toInstant()));
        vc.put("credentialSubject", subject);
        return vc;
    }

    /**
     * The credential as a compact JWS (VC-JOSE-COSE, {@code typ} {@code vc+jwt}): the payload is
     * the credential with the JWT claims Open Badges 3.0 asks of a VC-JWT, taken from it so that
     * they cannot disagree: {@code iss} (issuer id), {@code jti} (id) and {@code nbf} (validFrom).
     */
    static String sign(SigningKeys.Key key, Map<String, Object> vc) {
        Map<String, Object> payload = new LinkedHashMap<>(vc);
        payload.put("iss", vc.get("issuer") instanceof Map<?, ?> profile ? profile.get("id") : vc.get("issuer"));
        payload.put("jti", vc.get("id"));
        payload.put("nbf", Instant.parse((String) vc.get("validFrom")).getEpochSecond());
        return Ed25519.sign(key.kid(), "vc+jwt", key.privateKey(), payload);
    }

    /** The completion rule in Vietnamese, e.g. "... ít nhất 80% số buổi học ...". */
    private static String criteria(BigDecimal minAttendanceShare) {
        String percent = minAttendanceShare.movePointRight(2).stripTrailingZeros().toPlainString().replace('.', ',');
        return "Tham dự ít nhất " + percent + "% số buổi học của khóa; buổi vắng có phép không tính vào số buổi. "
                + "Đơn vị tổ chức cũng có thể cấp theo quyết định riêng, có ghi lý do.";
    }

    private static Map<String, Object> profile(String id, String name) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("id", id);
        profile.put("type", List.of("Profile"));
        profile.put("name", name);
        return profile;
    }

    /** A time of the day in Vietnam, e.g. 2026-03-01T00:00:00+07:00: the course's dates are Vietnamese days. */
    private static String inVietnam(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(VIETNAM).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String timestamp(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toByteArray();
    }
}
