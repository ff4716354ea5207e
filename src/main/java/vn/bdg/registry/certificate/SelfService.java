package vn.bdg.registry.certificate;

import vn.bdg.registry.attendance.AttendanceService;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.card.CardService;
import vn.bdg.registry.web.ApiException;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the holder of a QR card may see with its secret token alone: their courses, attendance and
 * certificates, and nothing of anybody else. A card of a record merged into another shows the kept
 * record's data; a revoked or forged card shows nothing (404).
 */
public final class SelfService {
    public record Attendance(int attended, int excused, int sessions, boolean completed) {
    }

    public record CourseView(UUID courseId, String title, LocalDate startDate, LocalDate endDate, String courseStatus,
                             String enrollmentStatus, String role, Attendance attendance) {
    }

    /** badgeUrl: the signed Open Badge, for a live certificate only (null when revoked). */
    public record CertificateLink(String number, String status, UUID courseId, String courseTitle,
                                  OffsetDateTime issuedAt, OffsetDateTime revokedAt, String pdfUrl,
                                  String badgeUrl) {
    }

    public record HolderView(String fullName, List<CourseView> courses, List<CertificateLink> certificates) {
    }

    private record Holder(UUID keptId, String provinceCode, Set<UUID> records) {
    }

    private final CardService cards;
    private final AttendanceService attendance;
    private final CertificateService certificates;
    private final CertificateRepository repository;

    public SelfService(CardService cards, AttendanceService attendance, CertificateService certificates) {
        this.cards = cards;
        this.attendance = attendance;
        this.certificates = certificates;
        this.repository = certificates.repository();
    }

    public HolderView view(String cardToken) {
        Holder holder = holder(cardToken);
        // The attendance sheets are read province-wide on the holder's behalf, then cut down to them.
        Caller reader = new Caller(null, null, Role.reporter, holder.provinceCode(), null, null);
        List<CourseView> courses = repository.coursesOf(holder.records()).stream()
                .filter(c -> c.provinceCode().equals(holder.provinceCode()))
                .map(c -> new CourseView(c.courseId(), c.title(), c.startDate(), c.endDate(), c.courseStatus(),
                        c.enrollmentStatus(), c.role(), attendanceOf(reader, c.courseId(), holder)))
                .toList();
        String base = "/api/v1/public/cards/" + cardToken + "/certificates/";
        List<CertificateLink> links = repository.ofParticipants(holder.records()).stream()
                .map(r -> new CertificateLink(r.getNumber(), r.getStatus(), r.getCourseId(), r.getCourseTitle(),
                        r.getIssuedAt(), r.getRevokedAt(), base + r.getNumber() + ".pdf",
                        "valid".equals(r.getStatus()) ? base + r.getNumber() + "/badge.jwt" : null))
                .toList();
        String name = repository.fullName(holder.keptId()).orElseThrow(ApiException::notFound);
        return new HolderView(name, courses, links);
    }

    /** One of the holder's own certificates; any other number is 404. */
    public Certificate certificate(String cardToken, String number) {
        Holder holder = holder(cardToken);
        if (!CertificateNumber.wellFormed(number)) {
            throw ApiException.notFound();
        }
        return repository.byNumber(number).filter(r -> holder.records().contains(r.getParticipantId()))
                .map(certificates::view).orElseThrow(ApiException::notFound);
    }

    private Holder holder(String cardToken) {
        CardService.VerifiedCard card = cards.verify(cardToken).orElseThrow(ApiException::notFound);
        if (cards.revokedCards(List.of(card.participantId())).contains(card.revocationKey())) {
            throw ApiException.notFound();
        }
        UUID kept = repository.keptRecords(List.of(card.participantId())).get(card.participantId());
        return new Holder(kept, card.provinceCode(), repository.withMergedRecords(card.provinceCode(), kept));
    }

    private Attendance attendanceOf(Caller reader, UUID courseId, Holder holder) {
        return attendance.courseAttendance(reader, courseId).participants().stream()
                .filter(p -> holder.records().contains(p.participantId()))
                .findFirst()
                .map(p -> new Attendance(p.attended(), p.excused(), p.sessions().size(), p.completed()))
                .orElse(null);
    }
}
