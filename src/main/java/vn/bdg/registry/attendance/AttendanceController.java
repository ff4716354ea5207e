package vn.bdg.registry.attendance;

import io.javalin.http.Context;
import vn.bdg.registry.auth.AccessManager;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.card.CardService;
import vn.bdg.registry.participant.ParticipantInput;
import vn.bdg.registry.print.PdfSheets;
import vn.bdg.registry.print.Spreadsheets;
import vn.bdg.registry.unit.AdminUnit;
import vn.bdg.registry.unit.UnitRepository;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.Bodies;
import vn.bdg.registry.web.Downloads;
import vn.bdg.registry.web.ETags;
import vn.bdg.registry.web.FieldError;
import vn.bdg.registry.web.Params;
import vn.bdg.registry.web.Turns;
import vn.bdg.registry.text.VietnameseText;
import vn.bdg.registry.web.Validator;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Client/server IO for the trainer's phone (sessions, rosters, scans), attendance sheets and printouts. */
public final class AttendanceController {
    public static final int MAX_BATCH = 10_000;
    private static final Set<String> METHODS = Set.of("qr", "manual", "walk_in");

    record CheckInRequest(UUID clientScanId, String qr, UUID participantId, String method, OffsetDateTime scannedAt,
                          String deviceId) {
    }

    record BatchItem(UUID sessionId, UUID clientScanId, String qr, UUID participantId, String method,
                     OffsetDateTime scannedAt, String deviceId) {
    }

    record BatchRequest(List<BatchItem> items, OffsetDateTime sentAt) {
    }

    record ExcuseRequest(String reason) {
    }

    record WalkInRequest(UUID sessionId, UUID clientScanId, OffsetDateTime scannedAt, String deviceId,
                         ParticipantInput participant, String targetGroup, OffsetDateTime sentAt) {
    }

    private final CheckInService checkIns;
    private final AttendanceService attendance;
    private final CardService cards;
    private final UnitRepository units;

    private final WalkInService walkIns;
    /** Uploads, taken in turns (see Turns). */
    private final Turns scanTurns;
    private final LiveScans liveScans;

    public AttendanceController(CheckInService checkIns, AttendanceService attendance, CardService cards,
                                UnitRepository units, WalkInService walkIns, Turns scanTurns, LiveScans liveScans) {
        this.checkIns = checkIns;
        this.scanTurns = scanTurns;
        this.liveScans = liveScans;
        this.attendance = attendance;
        this.cards = cards;
        this.units = units;
        this.walkIns = walkIns;
    }

    public void mySessions(Context ctx) {
        LocalDate date = Params.queryDate(ctx, "date");
        ctx.json(Map.of("items", attendance.sessionsOn(AccessManager.caller(ctx),
                date == null ? LocalDate.now(SessionContext.VIETNAM) : date)));
    }

    /** The offline kit of a session; a download that changed nothing costs a 304. */
    public void roster(Context ctx) {
        ETags.answerCached(ctx, attendance.roster(AccessManager.caller(ctx), Params.pathId(ctx, "id")));
    }

    public void checkIn(Context ctx) {
        CheckInRequest req = Bodies.read(ctx, CheckInRequest.class);
        Validator v = new Validator();
        validate(v, "", req.clientScanId(), req.qr(), req.participantId(), req.method(), req.scannedAt(), req.deviceId());
        v.validate();
        UUID sessionId = Params.pathId(ctx, "id");
        Scan scan = new Scan(sessionId, req.clientScanId(), req.qr(), req.participantId(), req.method(),
                req.scannedAt(), req.deviceId());
        ScanResult result = liveScans.checkIn(AccessManager.caller(ctx), scan);
        ctx.status(result.replayed() ? 200 : 201).json(result);
    }

    public void batch(Context ctx) {
        // before the body is read: its sentAt is compared with when the upload came in, not with
        // when its last byte did or its turn came (CheckInService.process)
        OffsetDateTime arrivedAt = OffsetDateTime.now();
        BatchRequest req = Bodies.read(ctx, BatchRequest.class);
        Validator v = new Validator();
        v.require("items", req.items());
        if (req.items() != null) {
            v.check(!req.items().isEmpty() && req.items().size() <= MAX_BATCH, "items", "out_of_range", 1, MAX_BATCH);
            for (int i = 0; i < req.items().size() && v.errors().size() < 100; i++) {
                BatchItem item = req.items().get(i);
                String at = "items[" + i + "].";
                if (item == null) {
                    v.add(new FieldError("items[" + i + "]", "required"));
                    continue;
                }
                v.require(at + "sessionId", item.sessionId());
                validate(v, at, item.clientScanId(), item.qr(), item.participantId(), item.method(), item.scannedAt(),
                        item.deviceId());
            }
        }
        v.validate();
        List<Scan> scans = req.items().stream().map(i -> new Scan(i.sessionId(), i.clientScanId(), i.qr(),
                i.participantId(), i.method(), i.scannedAt(), i.deviceId())).toList();
        ctx.json(Map.of("items", scanTurns.take(() -> checkIns.process(AccessManager.caller(ctx), scans, req.sentAt(),
                arrivedAt))));
    }

    private static void validate(Validator v, String at, UUID clientScanId, String qr, UUID participantId,
                                 String method, OffsetDateTime scannedAt, String deviceId) {
        v.require(at + "clientScanId", clientScanId)
                .require(at + "method", method)
                .require(at + "scannedAt", scannedAt)
                .maxLength(at + "deviceId", deviceId, 100);
        // no length limit on qr: a camera reads any QR text, and text too long for a card is that
        // scan's invalid_card (CardService.verify), not a refusal of the request (or the whole batch)
        v.check(method == null || METHODS.contains(method), at + "method", "not_allowed", String.join(", ", METHODS));
        v.check((qr == null) != (participantId == null), at + (qr == null ? "participantId" : "qr"), "qr_or_participant");
        v.check(!"qr".equals(method) || qr != null, at + "qr", "required");
    }

    public void walkIn(Context ctx) {
        OffsetDateTime arrivedAt = OffsetDateTime.now(); // as for a batch
        WalkInRequest req = Bodies.read(ctx, WalkInRequest.class);
        new Validator().require("sessionId", req.sessionId()).require("clientScanId", req.clientScanId())
                .require("scannedAt", req.scannedAt()).require("participant", req.participant())
                .maxLength("deviceId", req.deviceId(), 100).validate();
        WalkInService.WalkIn result = walkIns.walkIn(AccessManager.caller(ctx), Params.pathId(ctx, "id"),
                req.sessionId(), req.clientScanId(), req.scannedAt(), req.sentAt(), arrivedAt, req.deviceId(),
                req.participant(), req.targetGroup());
        ctx.status(result.checkIn().replayed() ? 200 : 201).json(result);
    }

    public void undo(Context ctx) {
        attendance.undo(AccessManager.caller(ctx), Params.pathId(ctx, "id"));
        ctx.status(204);
    }

    /** The attendance sheet as JSON, or as a CSV or XLSX file for the course's dossier. */
    public void courseAttendance(Context ctx) {
        String format = Downloads.tableFormat(ctx);
        AttendanceService.CourseAttendance sheet = attendance.courseAttendance(AccessManager.caller(ctx),
                Params.pathId(ctx, "id"));
        String name = "diem-danh-" + sheet.courseCode();
        switch (format) {
            case "xlsx" -> Downloads.attachment(ctx, name + ".xlsx", Spreadsheets.XLSX,
                    AttendanceFiles.xlsx(sheet, unitNames()));
            case "csv" -> Downloads.attachment(ctx, name + ".csv", Spreadsheets.CSV,
                    AttendanceFiles.csv(sheet, unitNames()));
            default -> ctx.json(sheet);
        }
    }

    public void excuse(Context ctx) {
        ExcuseRequest req = Bodies.read(ctx, ExcuseRequest.class);
        String reason = VietnameseText.cleanLines(req.reason()); // NFC, counted and stored like names, lines kept
        new Validator().require("reason", reason).maxLength("reason", reason, 500).validate();
        attendance.excuse(AccessManager.caller(ctx), Params.pathId(ctx, "id"), Params.pathId(ctx, "participantId"),
                reason);
        ctx.status(204);
    }

    public void unexcuse(Context ctx) {
        attendance.unexcuse(AccessManager.caller(ctx), Params.pathId(ctx, "id"), Params.pathId(ctx, "participantId"));
        ctx.status(204);
    }

    public void attachSheet(Context ctx) {
        ctx.status(201).json(attendance.attachSheet(AccessManager.caller(ctx), Params.pathId(ctx, "id"),
                Bodies.mediaType(ctx.contentType()), ctx.bodyAsBytes()));
    }

    public void sheets(Context ctx) {
        ctx.json(Map.of("items", attendance.sheets(AccessManager.caller(ctx), Params.pathId(ctx, "id"))));
    }

    public void sheet(Context ctx) {
        AttendanceService.SheetFile sheet = attendance.sheet(AccessManager.caller(ctx), Params.pathId(ctx, "id"),
                Params.pathId(ctx, "sheetId"));
        ctx.contentType(sheet.contentType()).result(sheet.content());
    }

    public void signInSheetPdf(Context ctx) {
        Caller caller = AccessManager.caller(ctx);
        SessionContext session = attendance.scannable(caller, Params.pathId(ctx, "id"));
        String line = "Buổi " + session.date().format(DateTimeFormatter.ofPattern("dd/MM/yyyy")) + ", "
                + AttendanceService.hhmm(session.startTime()) + "–" + AttendanceService.hhmm(session.endTime())
                + (session.venue() == null ? "" : ", " + session.venue());
        ctx.contentType("application/pdf").result(PdfSheets.signInSheet(session.courseTitle(), line,
                printable(session.provinceCode(), attendance.roster(caller, session.sessionId()).participants())));
    }

    public void badgesPdf(Context ctx) {
        Caller caller = AccessManager.caller(ctx);
        AttendanceService.CourseRoster course = attendance.courseRoster(caller, Params.pathId(ctx, "id"));
        ctx.contentType("application/pdf").result(PdfSheets.badges(course.title(),
                printable(caller.provinceCode(), course.participants())));
    }

    /** The people as printed with their cards; a person whose data was erased has no card, and no line. */
    private List<PdfSheets.Person> printable(String provinceCode, List<AttendanceService.RosterPerson> people) {
        List<PdfSheets.Person> printable = new ArrayList<>();
        Function<String, String> unitNames = unitNames();
        for (AttendanceService.RosterPerson p : people) {
            String unitName = p.unitCode() == null ? null : unitNames.apply(p.unitCode());
            cards.cardOf(p.id(), provinceCode)
                    .ifPresent(card -> printable.add(new PdfSheets.Person(p.fullName(), unitName, card.token())));
        }
        return printable;
    }

    /** A unit's name by its code (the code if the unit is unknown), each unit looked up once. */
    private Function<String, String> unitNames() {
        Map<String, String> names = new HashMap<>();
        return code -> names.computeIfAbsent(code, c -> units.find(c).map(AdminUnit::name).orElse(c));
    }
}
