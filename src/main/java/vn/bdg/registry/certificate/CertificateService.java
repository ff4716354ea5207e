package vn.bdg.registry.certificate;

import org.jooq.DSLContext;
import vn.bdg.registry.attendance.AttendanceService;
import vn.bdg.registry.audit.AuditLog;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.card.Ed25519;
import vn.bdg.registry.card.SigningKeys;
import vn.bdg.registry.db.tables.records.CertificateRecord;
import vn.bdg.registry.participant.Erased;
import vn.bdg.registry.participant.MergedRecords;
import vn.bdg.registry.print.CertificatePdf;
import vn.bdg.registry.text.VietnameseText;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.Messages;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Certificates: issued by the course's completion rule (or by hand, with a reason), withheld,
 * revoked, printed, and verified by anyone from their number (the holder's name in full only with
 * the check code printed beside it) or their signed credential. What a certificate prints is frozen
 * when it is issued.
 */
public final class CertificateService {
    /** Printed unless the issuer says otherwise: the person who signs for the organiser. */
    static final String DEFAULT_SIGNER_TITLE = "Thủ trưởng đơn vị tổ chức";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** Who signs and where: optional fields of an issue request (null: the defaults). */
    public record Signing(String place, String signerName, String signerTitle) {
    }

    public record NotEligible(UUID participantId, String fullName, String reason, Integer attended, Integer excused,
                              Integer sessions) {
    }

    /**
     * issued: every live certificate of the course; notEligible: everyone else enrolled, and why;
     * belowRule: holders of a certificate issued by the rule whose attendance no longer meets it
     * (an excuse removed, a scan undone since), for the organiser to look at.
     */
    public record IssueResult(int created, List<Certificate> issued, List<NotEligible> notEligible,
                              List<NotEligible> belowRule) {
    }

    public record Withheld(UUID courseId, UUID participantId, String reason, UUID withheldBy,
                           OffsetDateTime withheldAt) {
    }

    public record RevokedList(String province, OffsetDateTime generatedAt, List<CertificateRepository.Revoked> revoked) {
    }

    /** An erasure's effect on certificates: those revoked by it, and every one of the person's (all). */
    public record ErasedCertificates(List<String> revoked, List<String> all) {
    }

    /** The outcome of checking a credential. signature is valid only with a live key of the issuing province. */
    public record CredentialCheck(boolean valid, String signature, String key, String status, Credential.Claims claims,
                                  Certificate.Public certificate) {
    }

    private final DSLContext dsl;
    private final CertificateRepository repository;
    private final AttendanceService attendance;
    private final SigningKeys keys;
    private final AuditLog audit;
    private final String publicBaseUrl;

    public CertificateService(DSLContext dsl, AttendanceService attendance, SigningKeys keys, AuditLog audit,
                              String publicBaseUrl) {
        this.dsl = dsl;
        this.repository = new CertificateRepository(dsl);
        this.attendance = attendance;
        this.keys = keys;
        this.audit = audit;
        this.publicBaseUrl = publicBaseUrl;
    }

    CertificateRepository repository() {
        return repository;
    }

    /**
     * Issues a certificate to every trainee enrolled in the completed course who met its completion
     * rule and was not withheld; answers every live certificate of the course and why the others
     * have none. Issuing again creates nothing for those who already have one.
     */
    public IssueResult issue(Caller caller, UUID courseId, Signing signing) {
        return dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            // the people first (held until the end): a merge or erasure under way is waited for,
            // so that the attendance and certificates read next are those it left
            repository.holdEnrolled(tx, caller, courseId, null);
            CertificateRepository.CourseRow course = completedCourse(tx, caller, courseId);
            List<CertificateRepository.EnrollmentRow> enrollments = repository.enrollments(tx, courseId);
            // on the transaction's connection: a second one, taken while this one is held, would let
            // as many issues at once as the pool has connections wait for each other until they fail
            Map<UUID, AttendanceService.PersonAttendance> sheet = attendance.within(tx).courseAttendance(caller, courseId)
                    .participants().stream()
                    .collect(Collectors.toMap(AttendanceService.PersonAttendance::participantId, Function.identity()));
            Holdings holdings = holdings(tx, courseId);
            Map<UUID, String> withheld = new HashMap<>(repository.withheld(tx, courseId));
            // a decision on a record merged into another before merges moved them stands for that one
            MergedRecords.into(tx, course.provinceCode(), enrollments.stream()
                            .map(CertificateRepository.EnrollmentRow::participantId).toList())
                    .forEach((merged, kept) -> {
                        if (withheld.containsKey(merged)) {
                            withheld.putIfAbsent(kept, withheld.get(merged));
                        }
                    });
            List<UUID> eligible = new ArrayList<>();
            List<NotEligible> notEligible = new ArrayList<>();
            for (CertificateRepository.EnrollmentRow e : enrollments) {
                UUID id = e.participantId();
                if (holdings.live().containsKey(id)) {
                    continue;
                }
                AttendanceService.PersonAttendance a = sheet.get(id);
                String reason = Eligibility.reason(e.status(), e.role(), e.erased(), withheld.containsKey(id),
                        holdings.revoked().contains(id), a == null ? null : a.completed());
                if (reason == null) {
                    eligible.add(id);
                } else {
                    notEligible.add(new NotEligible(id, e.fullName(), reason, a == null ? null : a.attended(),
                            a == null ? null : a.excused(), a == null ? null : a.sessions().size()));
                }
            }
            List<CertificateRecord> created = create(tx, caller, course, eligible, signing, null);
            if (!created.isEmpty()) {
                audit.record(tx, caller, "issue_certificates", "course", courseId, null, Map.of(
                        "numbers", created.stream().map(CertificateRecord::getNumber).toList()));
            }
            List<NotEligible> belowRule = new ArrayList<>();
            for (CertificateRepository.EnrollmentRow e : enrollments) {
                CertificateRecord held = holdings.live().get(e.participantId());
                AttendanceService.PersonAttendance a = sheet.get(e.participantId());
                if (held != null && held.getManualReason() == null && a != null && !a.completed()) {
                    belowRule.add(new NotEligible(e.participantId(), e.fullName(), "below_completion_rule",
                            a.attended(), a.excused(), a.sessions().size()));
                }
            }
            List<CertificateRecord> issued = new ArrayList<>(holdings.live().values());
            issued.addAll(created);
            issued.sort(Comparator.comparing(CertificateRecord::getNumber));
            return new IssueResult(created.size(), issued.stream().map(this::view).toList(), notEligible, belowRule);
        });
    }

    /** Issues one certificate by hand, even below the rule or against a withheld decision (which it ends). */
    public Certificate issueOne(Caller caller, UUID courseId, UUID participantId, String reason, Signing signing) {
        return dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            repository.holdEnrolled(tx, caller, courseId, participantId);
            CertificateRepository.CourseRow course = completedCourse(tx, caller, courseId);
            CertificateRepository.EnrollmentRow enrolled = repository.enrollment(tx, courseId, participantId)
                    .filter(e -> "enrolled".equals(e.status()))
                    .orElseThrow(() -> ApiException.unprocessable("participantId", "not_enrolled"));
            if (enrolled.erased()) {
                throw ApiException.conflict("erased"); // a certificate names its holder: there is nobody to name
            }
            requireNoLiveCertificate(tx, courseId, participantId);
            String withheldReason = repository.withheld(tx, courseId).get(participantId);
            if (withheldReason != null) {
                repository.unwithhold(tx, courseId, participantId);
            }
            CertificateRecord row = create(tx, caller, course, List.of(participantId), signing, reason).get(0);
            audit.record(tx, caller, "issue_certificate", "certificate", row.getNumber(),
                    withheldReason == null ? null : Map.of("withheldReason", withheldReason),
                    Map.of("courseId", courseId, "participantId", participantId, "reason", reason));
            return view(row);
        });
    }

    /** Records that a person gets no certificate for the course; bulk issuing skips them. */
    public Withheld withhold(Caller caller, UUID courseId, UUID participantId, String reason) {
        return dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            repository.holdEnrolled(tx, caller, courseId, participantId);
            CertificateRepository.CourseRow course = repository.lockCourse(tx, caller, courseId)
                    .orElseThrow(ApiException::notFound);
            CertificateRepository.EnrollmentRow enrolled = repository.enrollment(tx, courseId, participantId)
                    .orElseThrow(() -> ApiException.unprocessable("participantId", "not_enrolled"));
            if (enrolled.erased()) {
                throw ApiException.conflict("erased"); // a reason may tell of health or family matters: none is kept
            }
            requireNoLiveCertificate(tx, courseId, participantId);
            String before = repository.withheld(tx, courseId).get(participantId);
            Withheld withheld = new Withheld(courseId, participantId, reason, caller.userId(),
                    OffsetDateTime.now(ZoneOffset.UTC));
            repository.withhold(tx, courseId, participantId, course.provinceCode(), reason, caller.userId(),
                    withheld.withheldAt());
            audit.record(tx, caller, "withhold_certificate", "course", courseId,
                    before == null ? null : Map.of("participantId", participantId, "reason", before),
                    Map.of("participantId", participantId, "reason", reason));
            return withheld;
        });
    }

    /** Revokes a live certificate: public answers, the revocation list and its PDF say so at once. */
    public Certificate revoke(Caller caller, String number, String reason) {
        visibleRecord(caller, number);
        return dsl.transactionResult(trx -> {
            CertificateRecord row = repository.revoke(trx.dsl(), number, caller.userId(), reason,
                            OffsetDateTime.now(ZoneOffset.UTC))
                    .orElseThrow(() -> ApiException.conflict("already_revoked"));
            audit.record(trx.dsl(), caller, "revoke_certificate", "certificate", number, Map.of("status", "valid"),
                    Map.of("status", "revoked", "reason", reason));
            return view(row);
        });
    }

    /**
     * Erasure of these records' personal data (ParticipantErasure), inside its transaction tx:
     * every certificate of theirs is revoked, a live one with {@link Erased#REVOCATION_REASON} (so
     * verifiers see it no longer holds, and its number joins the revocation list and the status
     * list that badges exported before point to), and holds nothing of the person any more: the
     * name is {@link Erased#NAME}, birth year and organisation are cleared, free-text reasons are
     * {@link Erased#MARKER}, and the credential is signed again over the same claims with that name
     * and no birth year. The certificate's number, course and dates stay, for the count of
     * certificates issued. Decisions to withhold one keep their course, their reason becomes the marker.
     */
    public ErasedCertificates eraseHolders(DSLContext tx, Caller caller, Collection<UUID> participantIds) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> revoked = new ArrayList<>();
        List<String> all = new ArrayList<>();
        // one province's, looked up once on tx's connection (held until the erasure commits, as an issue
        // holds it), and before the certificates are locked: a retirement holds the key, then signs the
        // certificates again, so locking them first and then waiting for the key would deadlock with it
        Map<String, SigningKeys.Key> signingKeys = new HashMap<>();
        for (String province : repository.provincesOfHolders(tx, participantIds)) {
            signingKeys.put(province, SigningKeys.signingKey(tx, province));
        }
        for (CertificateRecord c : repository.ofParticipantsForUpdate(tx, participantIds)) {
            SigningKeys.Key key = signingKeys.get(c.getProvinceCode());
            String credential = Credential.sign(key, new Credential.Claims(
                    c.getProvinceCode(), c.getNumber(), Erased.NAME, null, c.getCourseTitle(), c.getStartDate(),
                    c.getEndDate(), c.getHours(), c.getOrganizerName(), c.getIssuedAt().toEpochSecond()));
            repository.eraseHolder(tx, c, Erased.NAME, credential, caller.userId(), Erased.REVOCATION_REASON,
                    Erased.MARKER, now);
            if ("valid".equals(c.getStatus())) {
                revoked.add(c.getNumber());
            }
            all.add(c.getNumber());
        }
        repository.eraseWithheldReasons(tx, participantIds, Erased.MARKER);
        return new ErasedCertificates(revoked, all);
    }

    /**
     * When a key is retired (see SigningKeys.onRetirement): the live certificates it signed get
     * their credential signed again, same claims, with the province's signing key, so that a
     * certificate the registry says is valid also has a credential that verifies, in its PDF, its
     * QR code and its JSON. Copies printed before keep the old credential: they verify online by
     * number, or are printed again. Revoked certificates keep theirs (they are revoked either way).
     */
    public void signAgain(DSLContext tx, Caller caller, SigningKeys.Key retired, SigningKeys.Key signing) {
        int signed = 0;
        for (String after = ""; ; ) {
            List<Map.Entry<String, String>> page = repository.liveCredentials(tx, retired.provinceCode(), after, 1000);
            if (page.isEmpty()) {
                break;
            }
            // signing is most of the work: on every core
            Map<String, String> again = page.parallelStream()
                    .flatMap(c -> Ed25519.parse(c.getValue()).filter(p -> p.kid().equals(retired.kid()))
                            .flatMap(p -> Credential.claims(p.claims()))
                            .map(claims -> Map.entry(c.getKey(), Credential.sign(signing, claims))).stream())
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            repository.setCredentials(tx, again);
            signed += again.size();
            after = page.get(page.size() - 1).getKey();
        }
        audit.record(tx, caller, "sign_certificates_again", "signing_key", retired.kid(), null,
                Map.of("signingKey", signing.kid(), "certificates", signed));
    }

    /** A certificate of a course the caller may read; malformed and unknown numbers are 404 alike. */
    public Certificate visible(Caller caller, String number) {
        return view(visibleRecord(caller, number));
    }

    /** The live certificates of a course the caller may read, by number. */
    public List<Certificate> liveOfCourse(Caller caller, UUID courseId) {
        if (!repository.courseVisible(caller, courseId)) {
            throw ApiException.notFound();
        }
        return repository.ofCourse(dsl, courseId).stream().filter(r -> "valid".equals(r.getStatus()))
                .map(this::view).toList();
    }

    /**
     * What anyone may see of a certificate by its number: the holder's full name only with the
     * check code printed on it (code null or wrong: their initials, as numbers are sequential and
     * can be counted through); empty for unknown and malformed numbers alike.
     */
    public Optional<Certificate.Public> lookup(String number, String code) {
        return byNumber(number).map(c -> c.publicView(CheckCode.matches(c.checkCode(), code)));
    }

    private Optional<Certificate> byNumber(String number) {
        return CertificateNumber.wellFormed(number) ? repository.byNumber(number).map(this::view) : Optional.empty();
    }

    public RevokedList revokedIn(String province) {
        return new RevokedList(province, OffsetDateTime.now(ZoneOffset.UTC), repository.revokedIn(province));
    }

    /**
     * Checks a credential as an offline verifier would (form, key, signature) and adds what only the
     * registry knows: whether the certificate was revoked. A credential that does not verify says
     * nothing about any certificate.
     */
    public CredentialCheck verifyCredential(String text) {
        Optional<Ed25519.Parsed> parsed = Ed25519.parse(text);
        Optional<Credential.Claims> claims = parsed.flatMap(p -> Credential.claims(p.claims()));
        if (claims.isEmpty()) {
            return new CredentialCheck(false, "invalid", "unknown", "unknown", null, null);
        }
        Optional<SigningKeys.Key> key = keys.find(parsed.get().kid())
                .filter(k -> k.provinceCode().equals(claims.get().iss()));
        String keyState = key.isEmpty() ? "unknown" : key.get().retiredAt() != null ? "retired" : "live";
        boolean signed = "live".equals(keyState) && parsed.get().verifiesWith(key.get().verifying());
        if (!signed) {
            return new CredentialCheck(false, "invalid", keyState, "unknown", null, null);
        }
        // the asker holds the signed credential, which names the holder: the full name says nothing new
        Optional<Certificate.Public> certificate = byNumber(claims.get().num()).map(c -> c.publicView(true));
        String status = certificate.map(Certificate.Public::status).orElse("unknown");
        return new CredentialCheck("valid".equals(status), "valid", keyState, status, claims.get(),
                certificate.orElse(null));
    }

    /**
     * A certificate as an Open Badges 3.0 credential (JSON-LD, not signed). A revoked certificate
     * has none (409): no new signed copy of what no longer holds.
     */
    public Map<String, Object> badge(Certificate c) {
        if (!"valid".equals(c.status())) {
            throw ApiException.conflict("certificate_revoked");
        }
        CertificateNumber.Parts number = CertificateNumber.Parts.of(c.number());
        CertificateRepository.BadgeFacts facts = repository.badgeFacts(c.courseId());
        return OpenBadge.credential(c, new OpenBadge.Sources(issuerId(number.province()), facts.provinceName(),
                facts.organizerId(), facts.minAttendanceShare(), statusListUrl(number.province(), number.year())));
    }

    /** The badge signed with the province's key: a compact JWS, {@code typ} {@code vc+jwt}. */
    public String signedBadge(Certificate c) {
        return OpenBadge.sign(keys.signingKey(CertificateNumber.Parts.of(c.number()).province()), badge(c));
    }

    /**
     * The revocation statuses of the certificates a province numbered in a year, as a signed
     * Bitstring Status List credential (the one a badge's {@code credentialStatus} names); empty
     * when the province counted no number that year, or for what no number can name.
     */
    public Optional<String> statusList(String province, String year) {
        if (!CertificateNumber.wellFormed(province + "-" + year + "-000001")) {
            return Optional.empty();
        }
        int y = Integer.parseInt(year);
        return repository.lastCounted(province, y).map(last -> {
            List<Integer> revoked = repository.revokedIn(province).stream()
                    .map(r -> CertificateNumber.Parts.of(r.number())).filter(n -> n.year() == y)
                    .map(CertificateNumber.Parts::counter).toList();
            return OpenBadge.sign(keys.signingKey(province), OpenBadge.statusList(statusListUrl(province, y),
                    issuerId(province), OffsetDateTime.now(ZoneOffset.UTC), last, revoked));
        });
    }

    /** The issuer of a province's badges: its key set, where their signatures are checked. */
    private String issuerId(String province) {
        return publicBaseUrl + "/api/v1/keys?province=" + province;
    }

    private String statusListUrl(String province, int year) {
        return publicBaseUrl + "/api/v1/public/certificates/status-list/" + province + "/" + year;
    }

    public static byte[] pdf(Certificate c) {
        return CertificatePdf.render(content(c));
    }

    /** The certificates in one PDF, a page each, in the order given: a course's for one print job. */
    public static byte[] mergedPdf(List<Certificate> certificates) {
        return CertificatePdf.renderAll(certificates.stream().map(CertificateService::content).toList());
    }

    private static CertificatePdf.Content content(Certificate c) {
        return new CertificatePdf.Content(c.number(), c.checkCode(), c.holderName(), c.birthYear(),
                c.unitName(), c.courseTitle(), c.startDate(), c.endDate(), c.hours(), c.organizer(), c.place(),
                c.issueDate(), c.signerName(), c.signerTitle(), c.verificationUrl(), c.qrText(),
                "revoked".equals(c.status()));
    }

    /**
     * Writes the certificates' PDFs into a ZIP, one file per number. Rendering is the slow part, so
     * slices of them are rendered on all cores, then written in order.
     */
    public static void writeZip(List<Certificate> certificates, OutputStream out) throws IOException {
        // a ZIP's file times have no zone and unzip tools show them as local time: Vietnam's clock
        LocalDateTime now = LocalDateTime.now(VIETNAM);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_SPEED); // PDFs are compressed already
            for (int from = 0; from < certificates.size(); from += 32) {
                List<Certificate> slice = certificates.subList(from, Math.min(certificates.size(), from + 32));
                List<byte[]> pdfs = slice.parallelStream().map(CertificateService::pdf).toList();
                for (int i = 0; i < slice.size(); i++) {
                    ZipEntry entry = new ZipEntry(slice.get(i).number() + ".pdf");
                    entry.setTimeLocal(now);
                    zip.putNextEntry(entry);
                    zip.write(pdfs.get(i));
                    zip.closeEntry();
                }
            }
        }
    }

    Certificate view(CertificateRecord r) {
        String checkCode = CheckCode.printed(r.getCheckCode());
        return new Certificate(r.getNumber(), r.getStatus(), r.getCourseId(), r.getParticipantId(), r.getHolderName(),
                r.getBirthYear(), r.getUnitName(), r.getCourseTitle(), r.getStartDate(), r.getEndDate(), r.getHours(),
                r.getOrganizerName(), r.getPlace(), r.getIssueDate(), r.getSignerName(), r.getSignerTitle(),
                r.getIssuedAt(), r.getIssuedBy(), r.getManualReason(), r.getRevokedAt(), r.getRevokedBy(),
                r.getRevocationReason(), r.getCredential(), checkCode,
                publicBaseUrl + "/verify/" + r.getNumber() + "?code=" + checkCode, r.getHolderErasedAt());
    }

    /** The course's live certificates by (kept) holder, and the holders of revoked ones. */
    private record Holdings(Map<UUID, CertificateRecord> live, Set<UUID> revoked) {
    }

    private Holdings holdings(DSLContext tx, UUID courseId) {
        List<CertificateRecord> all = repository.ofCourse(tx, courseId);
        Map<UUID, UUID> kept = repository.keptRecords(tx, all.stream().map(CertificateRecord::getParticipantId).toList());
        Map<UUID, CertificateRecord> live = new LinkedHashMap<>();
        Set<UUID> revoked = new HashSet<>();
        for (CertificateRecord r : all) {
            UUID holder = kept.get(r.getParticipantId());
            if ("valid".equals(r.getStatus())) {
                live.put(holder, r);
            } else {
                revoked.add(holder);
            }
        }
        return new Holdings(live, revoked);
    }

    private void requireNoLiveCertificate(DSLContext tx, UUID courseId, UUID participantId) {
        CertificateRecord live = holdings(tx, courseId).live().get(participantId);
        if (live != null) {
            throw ApiException.conflict("already_issued", live.getNumber());
        }
    }

    private CertificateRepository.CourseRow completedCourse(DSLContext tx, Caller caller, UUID courseId) {
        CertificateRepository.CourseRow course = repository.lockCourse(tx, caller, courseId)
                .orElseThrow(ApiException::notFound);
        if (!"completed".equals(course.status())) {
            throw ApiException.conflict("course_not_completed", Messages.courseStatus(course.status()));
        }
        return course;
    }

    private CertificateRecord visibleRecord(Caller caller, String number) {
        if (!CertificateNumber.wellFormed(number)) {
            throw ApiException.notFound();
        }
        return repository.visible(caller, number).orElseThrow(ApiException::notFound);
    }

    /** Numbers, signs and stores certificates for these people, in this order. */
    private List<CertificateRecord> create(DSLContext tx, Caller caller, CertificateRepository.CourseRow course,
                                           List<UUID> people, Signing signing, String manualReason) {
        if (people.isEmpty()) {
            return List.of();
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        LocalDate issueDate = now.atZoneSameInstant(VIETNAM).toLocalDate();
        int first = repository.allocate(tx, course.provinceCode(), issueDate.getYear(), people.size());
        // held until the certificates are committed: a retirement of the key meanwhile signs them again
        SigningKeys.Key key = SigningKeys.signingKey(tx, course.provinceCode());
        Map<UUID, CertificateRepository.HolderRow> holders = repository.holders(tx, people);
        var hours = course.hours() != null ? course.hours() : repository.sessionHours(tx, course.id());
        String place = signing.place() != null ? signing.place() : placeName(course.provinceName());
        String signerTitle = signing.signerTitle() != null ? signing.signerTitle() : DEFAULT_SIGNER_TITLE;
        List<Credential.Claims> claims = new ArrayList<>(people.size());
        for (int i = 0; i < people.size(); i++) {
            CertificateRepository.HolderRow holder = holders.get(people.get(i));
            claims.add(new Credential.Claims(course.provinceCode(),
                    CertificateNumber.of(course.provinceCode(), issueDate.getYear(), first + i),
                    VietnameseText.clean(holder.fullName()), holder.birthYear(), course.title(), course.startDate(),
                    course.endDate(), hours, course.organizerName(), now.toEpochSecond()));
        }
        // signing is most of the work for a large course: on every core
        List<String> credentials = claims.parallelStream().map(c -> Credential.sign(key, c)).toList();
        List<CertificateRecord> rows = new ArrayList<>(people.size());
        for (int i = 0; i < people.size(); i++) {
            CertificateRepository.HolderRow holder = holders.get(people.get(i));
            CertificateRecord r = new CertificateRecord();
            r.setNumber(claims.get(i).num());
            r.setProvinceCode(course.provinceCode());
            r.setCourseId(course.id());
            r.setParticipantId(holder.id());
            r.setStatus("valid");
            r.setIssuedAt(now);
            r.setIssuedBy(caller.userId());
            r.setManualReason(manualReason);
            r.setHolderName(claims.get(i).name());
            r.setBirthYear(holder.birthYear());
            r.setUnitName(VietnameseText.clean(holder.unitName()));
            r.setCourseTitle(course.title());
            r.setStartDate(course.startDate());
            r.setEndDate(course.endDate());
            r.setHours(hours);
            r.setOrganizerName(course.organizerName());
            r.setPlace(place);
            r.setIssueDate(issueDate);
            r.setSignerName(signing.signerName());
            r.setSignerTitle(signerTitle);
            r.setCredential(credentials.get(i));
            r.setCheckCode(CheckCode.generate());
            rows.add(r);
        }
        repository.insert(tx, rows);
        return rows;
    }

    /** "Tỉnh Bắc Kạn" is signed "Bắc Kạn, ngày ...". */
    static String placeName(String provinceName) {
        return provinceName.replaceFirst("^(Tỉnh|Thành phố|TP\\.?)\\s+", "");
    }
}
