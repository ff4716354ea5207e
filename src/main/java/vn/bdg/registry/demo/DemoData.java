package vn.bdg.registry.demo;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vn.bdg.registry.auth.PasswordHasher;
import vn.bdg.registry.unit.AdminUnit;
import vn.bdg.registry.unit.UnitCsv;
import vn.bdg.registry.unit.UnitRepository;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static vn.bdg.registry.db.Tables.ADMIN_UNIT;
import static vn.bdg.registry.db.Tables.ANNUAL_PLAN;
import static vn.bdg.registry.db.Tables.APP_USER;
import static vn.bdg.registry.db.Tables.CHECK_IN;
import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.COURSE_SESSION;
import static vn.bdg.registry.db.Tables.COURSE_TRAINER;
import static vn.bdg.registry.db.Tables.ENROLLMENT;
import static vn.bdg.registry.db.Tables.ORGANIZATION;
import static vn.bdg.registry.db.Tables.PARTICIPANT;
import static vn.bdg.registry.db.Tables.PLAN_ACTIVITY;
import static vn.bdg.registry.db.Tables.TARGET_GROUP;

/**
 * Demo data for `serve --demo`: the province of Bắc Kạn (seed 003) in the twelve months before the
 * 2025 reorganisation, with its districts and communes, the organisations of its gender-equality
 * plan, a year of courses with sessions, a few hundred participants and their enrollments, and
 * one user per role. Generated from a fixed seed, so every demo looks the same. Loaded once; a
 * sample course running today is added on every start that has none, for trying the scanner.
 */
public final class DemoData {
    public static final String PROVINCE = "06";
    public static final String PASSWORD = "demo-password-2024";
    public static final List<String[]> USERS = List.of(
            new String[]{"demo-admin", "admin", null},
            new String[]{"demo-organizer", "organizer", null},
            new String[]{"demo-trainer", "trainer", null},
            new String[]{"demo-reporter", "reporter", null},
            new String[]{"demo-babe-organizer", "organizer", "061"});

    private static final String[] ORGANIZATIONS = {
            "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Kạn",
            "Hội Liên hiệp Phụ nữ tỉnh Bắc Kạn",
            "Sở Nội vụ tỉnh Bắc Kạn",
            "Sở Tư pháp tỉnh Bắc Kạn",
            "Sở Thông tin và Truyền thông tỉnh Bắc Kạn",
            "Ban Vì sự tiến bộ của phụ nữ tỉnh Bắc Kạn",
            "Hội Nông dân tỉnh Bắc Kạn",
            "Liên đoàn Lao động tỉnh Bắc Kạn"};

    /** title, kind, topic, target group, level, organiser index, trainee count. */
    private record Plan(String title, String kind, String topic, String targetGroup, String level, int organizer,
                        int trainees) {
    }

    private static final List<Plan> PLANS = List.of(
            new Plan("Tập huấn kiến thức về giới và lồng ghép giới trong hoạch định, thực thi chính sách",
                    "training", "gender_mainstreaming", "ge_officials", "province", 0, 40),
            new Plan("Hội thảo lồng ghép vấn đề bình đẳng giới trong xây dựng văn bản quy phạm pháp luật",
                    "workshop", "gender_mainstreaming", "justice_officials", "province", 3, 40),
            new Plan("Tập huấn nghiệp vụ cho cán bộ làm công tác bình đẳng giới cấp huyện, xã",
                    "training", "state_management_ge", "labour_social_commune", "province", 0, 60),
            new Plan("Tập huấn kỹ năng lãnh đạo, quản lý cho nữ đại biểu Hội đồng nhân dân cấp xã",
                    "training", "leadership_women", "women_council_delegates", "district", 1, 35),
            new Plan("Bồi dưỡng kiến thức, kỹ năng cho cán bộ nữ trong diện quy hoạch",
                    "refresher", "leadership_women", "women_cadres_pipeline", "province", 2, 30),
            new Plan("Tập huấn phòng ngừa, ứng phó với bạo lực trên cơ sở giới cho cộng tác viên cấp xã",
                    "training", "gbv_prevention", "commune_collaborators", "commune", 1, 25),
            new Plan("Tập huấn kỹ năng truyền thông về bình đẳng giới cho phóng viên, biên tập viên",
                    "training", "communication_media", "reporters_editors", "province", 4, 25),
            new Plan("Tập huấn thống kê, báo cáo số liệu tách biệt giới",
                    "training", "gender_statistics", "committee_advancement_women", "province", 5, 35),
            new Plan("Đối thoại chính sách về bình đẳng giới với hội viên nông dân",
                    "policy_dialogue", "gender_knowledge", "community_members", "district", 6, 40),
            new Plan("Tọa đàm hưởng ứng Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
                    "seminar", "gbv_prevention", "volunteers_propagandists", "district", 1, 40),
            new Plan("Tập huấn nội dung bình đẳng giới trong Bộ luật Lao động năm 2019 cho doanh nghiệp",
                    "training", "labour_code_gender", "businesses", "province", 7, 30));

    private static final String[] FAMILY = {"Nguyễn", "Hoàng", "Nông", "Triệu", "Lương", "Hà", "Ma", "Đàm",
            "Lý", "Bế", "Lục", "Dương", "Hứa", "Trần", "Lê", "Phạm", "Vi", "La", "Lưu", "Hoàng Thị"};
    private static final String[] FEMALE = {"Hoà", "Lan", "Hương", "Mai", "Thảo", "Huyền", "Nga", "Thuỷ", "Hạnh",
            "Liên", "Phượng", "Yến", "Dung", "Nhung", "Loan", "Hằng", "Ngọc Anh", "Thu Trang"};
    private static final String[] MALE = {"Minh", "Hùng", "Dũng", "Thắng", "Tuấn", "Khánh", "Sơn", "Long",
            "Quân", "Cường", "Bình", "Hải"};
    // Tày, Nùng, Kinh, Dao, Hmông, Sán Chay: the larger groups of Bắc Kạn, roughly in order
    private static final String[] ETHNICITIES = {"02", "02", "02", "02", "07", "07", "01", "01", "09", "08", "15"};

    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
    private static final String SAMPLE_VENUE = "Hội trường UBND huyện Ba Bể";

    private DemoData() {
    }

    /** Loads the demo province unless it is there already; prints the demo logins. */
    public static void loadOnce(DSLContext dsl, PasswordHasher hasher, PrintStream out) {
        boolean loaded = dsl.fetchExists(APP_USER, APP_USER.USERNAME.eq(USERS.get(0)[0]));
        if (!loaded) {
            new UnitRepository(dsl).upsertAll(units());
            dsl.transaction(trx -> load(trx.dsl(), hasher));
        }
        dsl.transaction(trx -> courseToday(trx.dsl(), LocalDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh"))));
        out.println("Demo data (province " + PROVINCE + " Bắc Kạn) " + (loaded ? "already loaded" : "loaded")
                + ". Log in with password '" + PASSWORD + "' as one of:");
        USERS.forEach(u -> out.println("  " + u[0] + "  (" + u[1] + (u[2] == null ? "" : ", unit " + u[2]) + ")"));
    }

    /**
     * A sample course running today for demo-trainer to try the scanner with: two sessions today,
     * thirty of the demo participants enrolled. It is created again on later starts when the
     * previous one is no longer today, and started outside both sessions (evening in Vietnam is
     * daytime in Europe) it gets one more, open now, so the demo always has something to scan.
     */
    private static void courseToday(DSLContext tx, LocalDateTime now) {
        LocalDate today = now.toLocalDate();
        String code = "BK-DEMO-" + today;
        UUID existing = tx.select(COURSE.ID).from(COURSE)
                .where(COURSE.PROVINCE_CODE.eq(PROVINCE).and(COURSE.CODE.eq(code))).fetchOne(COURSE.ID);
        UUID courseId = existing != null ? existing : createCourseToday(tx, today, code);
        // check-in opens an hour before a session starts (attendance.SessionContext) and closes at its end
        LocalTime time = now.toLocalTime();
        var sessions = tx.select(COURSE_SESSION.START_TIME, COURSE_SESSION.END_TIME).from(COURSE_SESSION)
                .where(COURSE_SESSION.COURSE_ID.eq(courseId).and(COURSE_SESSION.SESSION_DATE.eq(today))).fetch();
        boolean openNow = sessions.stream().anyMatch(r -> time.toSecondOfDay() >= r.value1().toSecondOfDay() - 3600
                && !time.isAfter(r.value2()));
        if (!openNow) {
            // from the current hour for three hours, up to the next session or the end of the day
            LocalTime start = time.truncatedTo(ChronoUnit.HOURS);
            LocalTime end = start.isBefore(LocalTime.of(21, 0)) ? start.plusHours(3) : LocalTime.of(23, 59, 59);
            for (var session : sessions) {
                if (session.value1().isAfter(time) && session.value1().isBefore(end)) {
                    end = session.value1();
                }
            }
            tx.insertInto(COURSE_SESSION).set(COURSE_SESSION.PROVINCE_CODE, PROVINCE)
                    .set(COURSE_SESSION.COURSE_ID, courseId).set(COURSE_SESSION.SESSION_DATE, today)
                    .set(COURSE_SESSION.START_TIME, start).set(COURSE_SESSION.END_TIME, end)
                    .set(COURSE_SESSION.VENUE, SAMPLE_VENUE).execute();
        }
    }

    private static UUID createCourseToday(DSLContext tx, LocalDate today, String code) {
        UUID trainerId = tx.select(APP_USER.ID).from(APP_USER).where(APP_USER.USERNAME.eq("demo-trainer"))
                .fetchOne(APP_USER.ID);
        UUID courseId = tx.insertInto(COURSE)
                .set(COURSE.PROVINCE_CODE, PROVINCE).set(COURSE.CODE, code)
                .set(COURSE.TITLE, "Khoá học mẫu để thử quét mã QR: kỹ năng truyền thông về bình đẳng giới")
                .set(COURSE.KIND, "training").set(COURSE.TOPICS, new String[]{"gender_knowledge"})
                .set(COURSE.TARGET_GROUPS, new String[]{"commune_collaborators"}).set(COURSE.LEVEL, "district")
                .set(COURSE.UNIT_CODE, "061").set(COURSE.VENUE, SAMPLE_VENUE)
                .set(COURSE.START_DATE, today).set(COURSE.END_DATE, today).set(COURSE.PLANNED_HOURS, BigDecimal.valueOf(8))
                .set(COURSE.CAPACITY, 40).set(COURSE.STATUS, "running")
                .returning(COURSE.ID).fetchOne(COURSE.ID);
        morningAndAfternoon(tx, courseId, today, SAMPLE_VENUE);
        tx.insertInto(COURSE_TRAINER).set(COURSE_TRAINER.COURSE_ID, courseId).set(COURSE_TRAINER.USER_ID, trainerId)
                .set(COURSE_TRAINER.PROVINCE_CODE, PROVINCE).execute();
        tx.insertInto(ENROLLMENT, ENROLLMENT.PROVINCE_CODE, ENROLLMENT.COURSE_ID, ENROLLMENT.PARTICIPANT_ID,
                        ENROLLMENT.ROLE, ENROLLMENT.TARGET_GROUP, ENROLLMENT.UNIT_CODE)
                .select(tx.select(DSL.inline(PROVINCE), DSL.inline(courseId), PARTICIPANT.ID, DSL.inline("trainee"),
                                DSL.inline("commune_collaborators"), PARTICIPANT.UNIT_CODE)
                        .from(PARTICIPANT).where(PARTICIPANT.PROVINCE_CODE.eq(PROVINCE)
                                .and(PARTICIPANT.UNIT_CODE.in(tx.select(ADMIN_UNIT.CODE).from(ADMIN_UNIT)
                                        .where(ADMIN_UNIT.PARENT_CODE.eq("061")))))
                        .orderBy(PARTICIPANT.NAME_KEY).limit(30))
                .execute();
        return courseId;
    }

    /** The usual day of a course: 7:30-11:30 and 13:30-17:00. */
    private static void morningAndAfternoon(DSLContext tx, UUID courseId, LocalDate date, String venue) {
        for (LocalTime[] half : new LocalTime[][]{{LocalTime.of(7, 30), LocalTime.of(11, 30)},
                {LocalTime.of(13, 30), LocalTime.of(17, 0)}}) {
            tx.insertInto(COURSE_SESSION).set(COURSE_SESSION.PROVINCE_CODE, PROVINCE)
                    .set(COURSE_SESSION.COURSE_ID, courseId).set(COURSE_SESSION.SESSION_DATE, date)
                    .set(COURSE_SESSION.START_TIME, half[0]).set(COURSE_SESSION.END_TIME, half[1])
                    .set(COURSE_SESSION.VENUE, venue).execute();
        }
    }

    private static List<AdminUnit> units() {
        try (var in = DemoData.class.getResourceAsStream("/demo/units-bac-kan.csv")) {
            return UnitCsv.read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void load(DSLContext tx, PasswordHasher hasher) {
        Random random = new Random(2024);
        // the target groups of women only (V24): their courses enrol women alone
        Set<String> womenOnly = tx.select(TARGET_GROUP.CODE).from(TARGET_GROUP).where(TARGET_GROUP.WOMEN_ONLY)
                .fetchSet(TARGET_GROUP.CODE);
        String hash = hasher.hash(PASSWORD);
        List<UUID> userIds = new ArrayList<>();
        for (String[] u : USERS) {
            userIds.add(tx.insertInto(APP_USER)
                    .set(APP_USER.USERNAME, u[0]).set(APP_USER.PASSWORD_HASH, hash).set(APP_USER.ROLE, u[1])
                    .set(APP_USER.FULL_NAME, "Tài khoản thử " + u[1]).set(APP_USER.PROVINCE_CODE, PROVINCE)
                    .set(APP_USER.UNIT_CODE, u[2])
                    .returning(APP_USER.ID).fetchOne(APP_USER.ID));
        }
        UUID trainerId = userIds.get(2);

        List<UUID> organizations = new ArrayList<>();
        for (String name : ORGANIZATIONS) {
            organizations.add(tx.insertInto(ORGANIZATION).set(ORGANIZATION.PROVINCE_CODE, PROVINCE)
                    .set(ORGANIZATION.NAME, name).set(ORGANIZATION.UNIT_CODE, PROVINCE)
                    .returning(ORGANIZATION.ID).fetchOne(ORGANIZATION.ID));
        }

        List<String> districts = tx.select(ADMIN_UNIT.CODE).from(ADMIN_UNIT)
                .where(ADMIN_UNIT.PARENT_CODE.eq(PROVINCE)).orderBy(ADMIN_UNIT.CODE).fetch(ADMIN_UNIT.CODE);
        Map<String, String> districtOfCommune = tx.select(ADMIN_UNIT.CODE, ADMIN_UNIT.PARENT_CODE).from(ADMIN_UNIT)
                .where(ADMIN_UNIT.PARENT_CODE.in(districts)).orderBy(ADMIN_UNIT.CODE)
                .fetchMap(ADMIN_UNIT.CODE, ADMIN_UNIT.PARENT_CODE);
        List<String> communes = new ArrayList<>(new TreeSet<>(districtOfCommune.keySet()));

        List<UUID> participants = new ArrayList<>();
        Map<UUID, String> unitOf = new HashMap<>();
        List<Boolean> participantIsWoman = new ArrayList<>();
        for (int i = 0; i < 420; i++) {
            boolean female = random.nextInt(100) < 70;
            String name = FAMILY[random.nextInt(FAMILY.length)] + (female ? " Thị " : " Văn ")
                    + (female ? FEMALE[random.nextInt(FEMALE.length)] : MALE[random.nextInt(MALE.length)]);
            String unit = communes.get(random.nextInt(communes.size()));
            UUID participant = tx.insertInto(PARTICIPANT)
                    .set(PARTICIPANT.PROVINCE_CODE, PROVINCE)
                    .set(PARTICIPANT.FULL_NAME, name.replace("Thị Thị", "Thị"))
                    .set(PARTICIPANT.SEX, female ? "female" : "male")
                    .set(PARTICIPANT.BIRTH_YEAR, 1965 + random.nextInt(38))
                    .set(PARTICIPANT.PHONE, String.format("+849%08d", random.nextInt(100_000_000)))
                    .set(PARTICIPANT.ETHNICITY_CODE, ETHNICITIES[random.nextInt(ETHNICITIES.length)])
                    .set(PARTICIPANT.UNIT_CODE, unit)
                    // each signed the registration form, consenting to their ethnicity being recorded
                    .set(PARTICIPANT.CONSENT_AT, OffsetDateTime.of(2024, 1, 15, 8, 0, 0, 0, ZoneOffset.ofHours(7)))
                    .set(PARTICIPANT.CONSENT_METHOD, "paper_form")
                    .set(PARTICIPANT.CONSENT_RECORDED_BY, userIds.get(1))
                    .set(PARTICIPANT.SENSITIVE_CONSENT, true)
                    .returning(PARTICIPANT.ID).fetchOne(PARTICIPANT.ID);
            participants.add(participant);
            unitOf.put(participant, unit);
            participantIsWoman.add(female);
        }

        // The province's annual plans for 2024 and 2025: one activity per kind of course below, with
        // the courses planned in that year; each course is linked to the activity of its year.
        Map<Integer, List<UUID>> activities = Map.of(
                2024, annualPlan(tx, 2024, "58/KH-UBND", LocalDate.of(2024, 3, 15)),
                2025, annualPlan(tx, 2025, "37/KH-UBND", LocalDate.of(2025, 2, 28)));

        // July 2024 to June 2025, with a cluster in the Action Month (15/11-15/12)
        LocalDate yearStart = LocalDate.of(2024, 7, 1);
        Map<LocalDate, Set<UUID>> booked = new HashMap<>();
        int courseNumber = 0;
        for (int planIndex = 0; planIndex < PLANS.size(); planIndex++) {
            Plan plan = PLANS.get(planIndex);
            for (int copy = 0; copy < copies(plan); copy++) {
                courseNumber++;
                LocalDate start = plan.kind().equals("seminar")
                        ? LocalDate.of(2024, 11, 15).plusDays(random.nextInt(25))
                        : yearStart.plusDays(random.nextInt(330));
                int days = plan.kind().equals("training") || plan.kind().equals("refresher") ? 2 : 1;
                String unit = switch (plan.level()) {
                    case "district" -> districts.get(random.nextInt(districts.size()));
                    case "commune" -> communes.get(random.nextInt(communes.size()));
                    default -> PROVINCE;
                };
                UUID courseId = tx.insertInto(COURSE)
                        .set(COURSE.PROVINCE_CODE, PROVINCE)
                        .set(COURSE.CODE, String.format("BK-%d-%03d", start.getYear(), courseNumber))
                        .set(COURSE.TITLE, plan.title())
                        .set(COURSE.KIND, plan.kind())
                        .set(COURSE.TOPICS, new String[]{plan.topic()})
                        .set(COURSE.TARGET_GROUPS, new String[]{plan.targetGroup()})
                        .set(COURSE.LEVEL, plan.level())
                        .set(COURSE.ORGANIZER_ID, organizations.get(plan.organizer()))
                        .set(COURSE.UNIT_CODE, unit)
                        .set(COURSE.VENUE, "Hội trường " + (plan.level().equals("province") ? "UBND tỉnh" : "UBND"))
                        .set(COURSE.START_DATE, start)
                        .set(COURSE.END_DATE, start.plusDays(days - 1))
                        .set(COURSE.PLANNED_HOURS, BigDecimal.valueOf(days * 8L))
                        .set(COURSE.CAPACITY, plan.trainees() + 10)
                        .set(COURSE.FUNDING_SOURCE, "Ngân sách tỉnh")
                        .set(COURSE.FUNDING_AMOUNT, plan.trainees() * 450_000L)
                        .set(COURSE.PLAN_NUMBER, start.getYear() == 2024 ? "58/KH-UBND" : "37/KH-UBND")
                        .set(COURSE.PLAN_DATE, start.getYear() == 2024 ? LocalDate.of(2024, 3, 15)
                                : LocalDate.of(2025, 2, 28))
                        .set(COURSE.PLAN_ACTIVITY_ID, activities.get(start.getYear()).get(planIndex))
                        .set(COURSE.STATUS, "completed")
                        .returning(COURSE.ID).fetchOne(COURSE.ID);
                for (int d = 0; d < days; d++) {
                    morningAndAfternoon(tx, courseId, start.plusDays(d), null);
                }
                if (courseNumber % 3 == 0) {
                    tx.insertInto(COURSE_TRAINER).set(COURSE_TRAINER.COURSE_ID, courseId)
                            .set(COURSE_TRAINER.USER_ID, trainerId).set(COURSE_TRAINER.PROVINCE_CODE, PROVINCE)
                            .execute();
                }
                // province courses draw from everywhere; district and commune courses from their district
                String district = plan.level().equals("province") ? null
                        : districts.contains(unit) ? unit : districtOfCommune.get(unit);
                List<UUID> pool = new ArrayList<>();
                for (int p = 0; p < participants.size(); p++) {
                    UUID participant = participants.get(p);
                    boolean fits = !womenOnly.contains(plan.targetGroup()) || participantIsWoman.get(p);
                    if (fits && (district == null || district.equals(districtOfCommune.get(unitOf.get(participant))))) {
                        pool.add(participant);
                    }
                }
                Collections.shuffle(pool, random);
                // nobody on two courses the same day: the report's flags would call it two places at once
                List<LocalDate> courseDays = start.datesUntil(start.plusDays(days)).toList();
                List<UUID> trainees = pool.stream()
                        .filter(p -> courseDays.stream().noneMatch(d -> booked.getOrDefault(d, Set.of()).contains(p)))
                        .limit(plan.trainees()).toList();
                courseDays.forEach(d -> booked.computeIfAbsent(d, k -> new HashSet<>()).addAll(trainees));
                for (UUID participant : trainees) {
                    tx.insertInto(ENROLLMENT).set(ENROLLMENT.PROVINCE_CODE, PROVINCE)
                            .set(ENROLLMENT.COURSE_ID, courseId).set(ENROLLMENT.PARTICIPANT_ID, participant)
                            .set(ENROLLMENT.ROLE, "trainee").set(ENROLLMENT.TARGET_GROUP, plan.targetGroup())
                            .set(ENROLLMENT.UNIT_CODE, unitOf.get(participant))
                            .execute();
                }
                attendance(tx, random, courseId, trainees, userIds.get(1));
            }
        }
        registerTargetGroups(tx, random, womenOnly);
    }

    /** How many courses of a kind the demo year holds: district courses are run in three districts. */
    private static int copies(Plan plan) {
        return plan.level().equals("district") ? 3 : 2;
    }

    /**
     * An annual plan with one activity per kind of course: as many courses planned as the demo year
     * holds (the plan of 2025 a little more ambitious, so planned and held differ), each for the
     * trainee count of the course.
     */
    private static List<UUID> annualPlan(DSLContext tx, int year, String number, LocalDate issuedOn) {
        UUID planId = tx.insertInto(ANNUAL_PLAN).set(ANNUAL_PLAN.PROVINCE_CODE, PROVINCE)
                .set(ANNUAL_PLAN.NUMBER, number).set(ANNUAL_PLAN.ISSUED_ON, issuedOn).set(ANNUAL_PLAN.YEAR, year)
                .set(ANNUAL_PLAN.TITLE, "Kế hoạch thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ"
                        + " tỉnh Bắc Kạn năm " + year)
                .returning(ANNUAL_PLAN.ID).fetchOne(ANNUAL_PLAN.ID);
        List<UUID> activities = new ArrayList<>();
        for (int i = 0; i < PLANS.size(); i++) {
            Plan plan = PLANS.get(i);
            int courses = copies(plan) + (year == 2025 ? 1 : 0);
            activities.add(tx.insertInto(PLAN_ACTIVITY).set(PLAN_ACTIVITY.PLAN_ID, planId)
                    .set(PLAN_ACTIVITY.PROVINCE_CODE, PROVINCE).set(PLAN_ACTIVITY.POSITION, i + 1)
                    .set(PLAN_ACTIVITY.DESCRIPTION, plan.title()).set(PLAN_ACTIVITY.TOPIC, plan.topic())
                    .set(PLAN_ACTIVITY.TARGET_GROUP, plan.targetGroup()).set(PLAN_ACTIVITY.LEVEL, plan.level())
                    .set(PLAN_ACTIVITY.PLANNED_COURSES, courses)
                    .set(PLAN_ACTIVITY.PLANNED_PARTICIPANTS, courses * plan.trainees())
                    .set(PLAN_ACTIVITY.BUDGET, courses * plan.trainees() * 450_000L)
                    .returning(PLAN_ACTIVITY.ID).fetchOne(PLAN_ACTIVITY.ID));
        }
        return activities;
    }

    /**
     * The target groups people are registered with, which coverage counts from: those they were
     * enrolled as, and for a fifth of the others one group they were never trained as (women-only
     * groups for women only), so that coverage is neither empty nor complete.
     */
    private static void registerTargetGroups(DSLContext tx, Random random, Set<String> womenOnly) {
        var enrolledAs = ENROLLMENT.as("enrolled_as");
        tx.update(PARTICIPANT)
                .set(PARTICIPANT.TARGET_GROUPS, DSL.array(DSL.selectDistinct(enrolledAs.TARGET_GROUP).from(enrolledAs)
                        .where(enrolledAs.PARTICIPANT_ID.eq(PARTICIPANT.ID).and(enrolledAs.TARGET_GROUP.isNotNull()))
                        .orderBy(enrolledAs.TARGET_GROUP)))
                .where(PARTICIPANT.PROVINCE_CODE.eq(PROVINCE))
                .execute();
        var untrained = tx.select(PARTICIPANT.ID, PARTICIPANT.SEX).from(PARTICIPANT)
                .where(PARTICIPANT.PROVINCE_CODE.eq(PROVINCE).and(DSL.cardinality(PARTICIPANT.TARGET_GROUPS).eq(0)))
                .orderBy(PARTICIPANT.ID).fetch();
        for (var person : untrained) {
            if (random.nextInt(5) != 0) {
                continue;
            }
            List<String> groups = PLANS.stream().map(Plan::targetGroup)
                    .filter(g -> person.value2().equals("female") || !womenOnly.contains(g)).toList();
            tx.update(PARTICIPANT)
                    .set(PARTICIPANT.TARGET_GROUPS, new String[]{groups.get(random.nextInt(groups.size()))})
                    .where(PARTICIPANT.ID.eq(person.value1())).execute();
        }
    }

    /**
     * Each trainee present at a session with probability 0.9, scanned in the quarter of an hour
     * around its start, so that the reports, attendance sheets and certificates have something to show.
     */
    private static void attendance(DSLContext tx, Random random, UUID courseId, List<UUID> trainees, UUID scannedBy) {
        var insert = tx.insertInto(CHECK_IN, CHECK_IN.PROVINCE_CODE, CHECK_IN.CLIENT_SCAN_ID, CHECK_IN.SESSION_ID,
                CHECK_IN.PARTICIPANT_ID, CHECK_IN.OUTCOME, CHECK_IN.METHOD, CHECK_IN.SCANNED_AT, CHECK_IN.RECEIVED_AT,
                CHECK_IN.DEVICE_ID, CHECK_IN.SCANNED_BY);
        int scans = 0;
        for (var session : tx.select(COURSE_SESSION.ID, COURSE_SESSION.SESSION_DATE, COURSE_SESSION.START_TIME)
                .from(COURSE_SESSION).where(COURSE_SESSION.COURSE_ID.eq(courseId)).fetch()) {
            for (UUID trainee : trainees) {
                if (random.nextInt(10) == 0) {
                    continue;
                }
                OffsetDateTime at = session.value2().atTime(session.value3()).atOffset(VIETNAM)
                        .minusMinutes(10).plusSeconds(random.nextInt(15 * 60));
                insert = insert.values(PROVINCE, new UUID(random.nextLong(), random.nextLong()), session.value1(), trainee,
                        "accepted", "qr", at, at.plusMinutes(1), "demo-phone", scannedBy);
                scans++;
            }
        }
        if (scans > 0) {
            insert.execute();
        }
    }
}
