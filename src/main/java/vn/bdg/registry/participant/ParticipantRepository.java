package vn.bdg.registry.participant;

import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep20;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import vn.bdg.registry.attendance.Outcome;
import vn.bdg.registry.db.tables.records.EnrollmentRecord;
import vn.bdg.registry.db.tables.records.ParticipantRecord;
import vn.bdg.registry.text.VietnameseText;
import vn.bdg.registry.sql.Ids;
import vn.bdg.registry.sql.Locks;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static vn.bdg.registry.db.Tables.CERTIFICATE;
import static vn.bdg.registry.db.Tables.CERTIFICATE_WITHHELD;
import static vn.bdg.registry.db.Tables.CHECK_IN;
import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.ENROLLMENT;
import static vn.bdg.registry.db.Tables.EXCUSED_ABSENCE;
import static vn.bdg.registry.db.Tables.PARTICIPANT;
import static vn.bdg.registry.db.Tables.PARTICIPANT_MERGE;
import static vn.bdg.registry.db.Tables.SERVER_SECRET;

/** SQL for participants: lookups, name/phone/ID search, duplicate candidates, bulk inserts and merges. */
final class ParticipantRepository {
    /** Rows per multi-row INSERT: 20 columns each stays far below PostgreSQL's 65,535 bind values. */
    private static final int INSERT_CHUNK = 1000;

    /** A participant to insert, with the id chosen beforehand (imports refer to it before it exists). */
    record NewParticipant(UUID id, ParticipantData data, UUID duplicateOf) {
    }

    /** A search hit and its rank (1 for an exact phone or ID match). */
    record Scored(ParticipantRecord participant, float score) {
    }

    private final DSLContext dsl;

    ParticipantRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The named server secret; candidate becomes it if there is none yet (first writer wins). */
    byte[] secret(String name, byte[] candidate) {
        dsl.insertInto(SERVER_SECRET).set(SERVER_SECRET.NAME, name).set(SERVER_SECRET.VALUE, candidate)
                .onConflict(SERVER_SECRET.NAME).doNothing().execute();
        return dsl.select(SERVER_SECRET.VALUE).from(SERVER_SECRET).where(SERVER_SECRET.NAME.eq(name))
                .fetchSingle().value1();
    }

    Optional<ParticipantRecord> find(Condition scope, UUID id) {
        return find(dsl, scope, id);
    }

    Optional<ParticipantRecord> find(DSLContext q, Condition scope, UUID id) {
        return q.selectFrom(PARTICIPANT).where(scope.and(PARTICIPANT.ID.eq(id))).fetchOptional();
    }

    Optional<ParticipantRecord> findForUpdate(DSLContext tx, Condition scope, UUID id) {
        return tx.selectFrom(PARTICIPANT).where(scope.and(PARTICIPANT.ID.eq(id))).forUpdate().fetchOptional();
    }

    /** Live (not merged) participants in scope, optionally of some units and of a target group. */
    Condition listFilter(Condition scope, Collection<String> units, String targetGroup) {
        Condition c = scope.and(PARTICIPANT.MERGED_INTO.isNull());
        if (units != null) {
            c = c.and(PARTICIPANT.UNIT_CODE.in(units));
        }
        if (targetGroup != null) {
            c = c.and(DSL.arrayOverlap(PARTICIPANT.TARGET_GROUPS, new String[]{targetGroup}));
        }
        return c;
    }

    /**
     * The given name (the list name's first word) and the list name, each in Vietnamese alphabetical
     * order, as the index participant_given_name_order has them (V19). The given name is compared on
     * its own first, as the printed lists do (VietnameseText.inListOrder): the list name alone lets
     * the collation weigh the family name's letters before the given name's tone, which mixed the
     * Hoa, Hoà and Hóa of a list by family name. Literals inline, so the expression is the index's.
     */
    private static final Field<String> GIVEN_ORDER = givenName(PARTICIPANT.LIST_NAME).collate(VietnameseText.COLLATION);
    private static final Field<String> LIST_ORDER = PARTICIPANT.LIST_NAME.collate(VietnameseText.COLLATION);

    private static Field<String> givenName(Field<String> listName) {
        return DSL.field("split_part({0}, ' ', 1)", SQLDataType.VARCHAR, listName);
    }

    /**
     * In the order of a Vietnamese list (given name first, V18) then id, after the given list name
     * (keyset pagination).
     */
    List<ParticipantRecord> list(Condition filter, String afterListName, UUID afterId, int limit) {
        Condition c = afterListName == null ? filter
                : filter.and(DSL.row(GIVEN_ORDER, LIST_ORDER, PARTICIPANT.ID).gt(
                        givenName(DSL.val(afterListName)), DSL.val(afterListName), DSL.val(afterId)));
        return dsl.selectFrom(PARTICIPANT).where(c).orderBy(GIVEN_ORDER, LIST_ORDER, PARTICIPANT.ID).limit(limit).fetch();
    }

    /**
     * How many names past a page the nearest-neighbour scan reads at most to find those tied with
     * the page's last one: reading a name that way costs about three times what the exact query
     * spends on each match, so past this many ties (a given name alone, which thousands share) the
     * exact query is cheaper (see searchByName).
     */
    private static final int MOST_TIES_READ = 2_000;

    /**
     * Names like the query, without diacritics and tolerating typos, best first, ties by id. A name
     * matches when a run of its words is trigram-similar to the query (word similarity above
     * pg_trgm's threshold 0.6: "nguyen thj hoa", "nguyen hoa" and "hoa" find "nguyen thi hoa").
     *
     * <p>The order is the word-similarity distance, which the GiST index on (province_code, name_key)
     * serves as a nearest-neighbour scan: the first page costs the same with 50 matches or 50,000
     * (common names repeat a lot), where sorting every match takes hundreds of milliseconds. PostgreSQL
     * uses that scan only when it gives the whole ORDER BY, and it returns tied names in no fixed
     * order, while pages by offset need one: so the scan is read through a cursor up to the first
     * name farther than the page's last, and the ties are put in id order here, which is exact.
     * When the ties run past MOST_TIES_READ, the database sorts every match by distance and id
     * instead: as exact, cheaper then.
     */
    List<Scored> searchByName(Condition filter, String query, int offset, int limit) {
        Field<String> key = VietnameseText.searchKey(query);
        Field<Float> distance = DSL.field("({0} <->> {1})", SQLDataType.REAL, PARTICIPANT.NAME_KEY, key);
        Field<Float> score = DSL.inline(1f).minus(distance).as("score");
        Condition matching = filter.and(DSL.condition("{0} %> {1}", PARTICIPANT.NAME_KEY, key));
        int end = offset + limit;
        return dsl.transactionResult(trx -> {
            // a cursor needs a transaction; the first fetch is the page and the name after it. The
            // limit is what is read at most, and makes the planner choose the nearest-neighbour
            // scan: planned for all its rows, the query would sort every match first. Ids only: the
            // page's records are read after
            List<Nearest> read = new ArrayList<>();
            boolean tiesAllRead = true;
            try (Cursor<Record2<UUID, Float>> cursor = trx.dsl().select(PARTICIPANT.ID, score).from(PARTICIPANT)
                    .where(matching).orderBy(distance).limit(end + MOST_TIES_READ + 1).fetchSize(end + 1).fetchLazy()) {
                for (Record2<UUID, Float> r : cursor) {
                    Nearest next = new Nearest(r.value1(), r.value2());
                    if (read.size() >= end && next.score() < read.get(end - 1).score()) {
                        break; // farther than the page's last: every name tied with it is read
                    }
                    if (read.size() == end + MOST_TIES_READ) {
                        tiesAllRead = false;
                        break;
                    }
                    read.add(next);
                }
            }
            if (!tiesAllRead) {
                return trx.dsl().select(PARTICIPANT.fields()).select(score).from(PARTICIPANT).where(matching)
                        .orderBy(distance, PARTICIPANT.ID).limit(limit).offset(offset)
                        .fetch(r -> new Scored(r.into(PARTICIPANT), r.get(score)));
            }
            // best first, ties in the database's order of uuids (their text's), as the exact query has them
            List<Nearest> page = read.stream().sorted(Comparator.comparing((Nearest n) -> -n.score())
                    .thenComparing(n -> n.id().toString())).skip(offset).limit(limit).toList();
            Map<UUID, ParticipantRecord> records = trx.dsl().selectFrom(PARTICIPANT)
                    .where(Ids.in(PARTICIPANT.ID, page.stream().map(Nearest::id).toList())).fetchMap(PARTICIPANT.ID);
            return page.stream().map(n -> new Scored(records.get(n.id()), n.score())).toList();
        });
    }

    private record Nearest(UUID id, float score) {
    }

    /** Exact phone (E.164) or national ID (HMAC) matches; either may be null. */
    List<Scored> searchExact(Condition filter, String phone, byte[] nationalIdHmac, int offset, int limit) {
        List<Condition> any = new ArrayList<>();
        if (phone != null) {
            any.add(PARTICIPANT.PHONE.eq(phone));
        }
        if (nationalIdHmac != null) {
            any.add(PARTICIPANT.NATIONAL_ID_HMAC.eq(nationalIdHmac));
        }
        Field<Float> score = DSL.inline(1f, SQLDataType.REAL).as("score");
        return dsl.select(PARTICIPANT.fields()).select(score).from(PARTICIPANT).where(filter.and(DSL.or(any)))
                .orderBy(PARTICIPANT.CREATED_AT, PARTICIPANT.ID).limit(limit).offset(offset)
                .fetch(r -> new Scored(r.into(PARTICIPANT), r.get(score)));
    }

    /** The database's name_key of each name, in order (the same f_unaccent as the column). */
    List<String> nameKeys(List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        return dsl.resultQuery("select f_unaccent(lower(n)) from unnest({0}) with ordinality as t(n, i) order by i",
                DSL.val(names.toArray(String[]::new))).fetch(0, String.class);
    }

    /**
     * Live participants in scope sharing a national ID, a phone or a name key with the given ones
     * (one query for a whole import), preferred first: not flagged themselves, then oldest. Erased
     * records are never candidates: they share the placeholder name and nothing else with anyone.
     * olderThan, when given, keeps only records created before it (duplicate_of always points to an
     * older record, so flags never form a cycle).
     */
    List<ParticipantRecord> matchCandidates(DSLContext tx, Condition scope, Collection<byte[]> nationalIdHmacs,
                                            Collection<String> phones, Collection<String> nameKeys,
                                            ParticipantRecord olderThan) {
        List<Condition> any = new ArrayList<>();
        if (!nationalIdHmacs.isEmpty()) {
            any.add(PARTICIPANT.NATIONAL_ID_HMAC.eq(DSL.any(
                    DSL.val(nationalIdHmacs.toArray(byte[][]::new), SQLDataType.BLOB.array()))));
        }
        if (!phones.isEmpty()) {
            any.add(PARTICIPANT.PHONE.eq(DSL.any(phones.toArray(String[]::new))));
        }
        if (!nameKeys.isEmpty()) {
            any.add(PARTICIPANT.NAME_KEY.eq(DSL.any(nameKeys.toArray(String[]::new))));
        }
        if (any.isEmpty()) {
            return List.of();
        }
        Condition c = scope.and(PARTICIPANT.MERGED_INTO.isNull()).and(PARTICIPANT.ERASED_AT.isNull()).and(DSL.or(any));
        if (olderThan != null) {
            c = c.and(DSL.row(PARTICIPANT.CREATED_AT, PARTICIPANT.ID)
                    .lt(olderThan.getCreatedAt(), olderThan.getId()));
        }
        return tx.selectFrom(PARTICIPANT).where(c)
                .orderBy(DSL.field(PARTICIPANT.DUPLICATE_OF.isNotNull()), PARTICIPANT.CREATED_AT, PARTICIPANT.ID)
                .fetch();
    }

    /**
     * Holds, until tx ends, the keys a person is matched by in the province (national ID, phone, name
     * key), so that another transaction registering the same person meanwhile waits, then finds this
     * one's record instead of creating a second. Transaction-level advisory locks on the keys' hashes
     * (a rare collision only makes two wait), taken in one order so that two people sharing some keys
     * cannot deadlock; before them, the province's registrations shared (see holdAllRegistrations).
     */
    void holdMatchingKeys(DSLContext tx, String provinceCode, Duplicates.Person person) {
        Locks.share(tx, registrations(provinceCode));
        List<String> keys = new ArrayList<>();
        if (person.nationalIdHmac() != null) {
            keys.add("national_id/" + HexFormat.of().formatHex(person.nationalIdHmac()));
        }
        if (person.phone() != null) {
            keys.add("phone/" + person.phone());
        }
        if (person.nameKey() != null) {
            keys.add("name/" + person.nameKey());
        }
        keys.stream().sorted().forEach(key -> Locks.hold(tx, "participant/" + provinceCode + "/" + key));
    }

    /**
     * Holds, until tx ends, every registration in the province: an import matches thousands of rows
     * at once, too many keys to hold one by one, so it waits for the registrations under way (which
     * hold the province shared, see holdMatchingKeys) and makes the next ones wait for it. Erasures
     * and merges hold it too, first in their transaction: they take records out of matching and
     * clear or repoint the duplicate flags naming them, so a registration or import matching
     * against those records meanwhile would apply a row to, or flag a new record as a duplicate
     * of, a record erased or merged away.
     */
    void holdAllRegistrations(DSLContext tx, String provinceCode) {
        Locks.hold(tx, registrations(provinceCode));
    }

    private static String registrations(String provinceCode) {
        return "participant/" + provinceCode + "/registrations";
    }

    /** Multi-row INSERTs in chunks: an import of 10,000 people is 10 statements. */
    void insert(DSLContext tx, String provinceCode, List<NewParticipant> rows) {
        for (int from = 0; from < rows.size(); from += INSERT_CHUNK) {
            InsertValuesStep20<ParticipantRecord, UUID, String, String, String, Integer, LocalDate, String, byte[],
                    String, String, String, String, String, String, String[], UUID, OffsetDateTime, String, UUID,
                    Boolean> insert = tx.insertInto(PARTICIPANT,
                    PARTICIPANT.ID, PARTICIPANT.PROVINCE_CODE, PARTICIPANT.FULL_NAME, PARTICIPANT.SEX,
                    PARTICIPANT.BIRTH_YEAR, PARTICIPANT.BIRTH_DATE, PARTICIPANT.PHONE, PARTICIPANT.NATIONAL_ID_HMAC,
                    PARTICIPANT.NATIONAL_ID_LAST3, PARTICIPANT.NATIONAL_ID_KIND, PARTICIPANT.ETHNICITY_CODE,
                    PARTICIPANT.UNIT_CODE, PARTICIPANT.ORGANIZATION, PARTICIPANT.POSITION, PARTICIPANT.TARGET_GROUPS,
                    PARTICIPANT.DUPLICATE_OF, PARTICIPANT.CONSENT_AT, PARTICIPANT.CONSENT_METHOD,
                    PARTICIPANT.CONSENT_RECORDED_BY, PARTICIPANT.SENSITIVE_CONSENT);
            for (NewParticipant p : rows.subList(from, Math.min(rows.size(), from + INSERT_CHUNK))) {
                ParticipantData d = p.data();
                NationalIdHasher.Digest id = d.nationalId();
                Consent c = d.consent();
                insert = insert.values(p.id(), provinceCode, d.fullName(), d.sex(), d.birthYear(), d.birthDate(),
                        d.phone(), id == null ? null : id.hmac(), id == null ? null : id.last3(),
                        id == null ? null : id.kind().name(), d.ethnicityCode(), d.unitCode(), d.organization(),
                        d.position(), d.targetGroups().toArray(String[]::new), p.duplicateOf(),
                        c == null ? null : c.givenAt(), c == null ? null : c.method(),
                        c == null ? null : c.recordedBy(), c == null ? null : c.coversSensitiveData());
            }
            insert.execute();
        }
    }

    ParticipantRecord update(DSLContext tx, UUID id, ParticipantData d, UUID duplicateOf) {
        NationalIdHasher.Digest nid = d.nationalId();
        return tx.update(PARTICIPANT)
                .set(PARTICIPANT.FULL_NAME, d.fullName())
                .set(PARTICIPANT.SEX, d.sex())
                .set(PARTICIPANT.BIRTH_YEAR, d.birthYear())
                .set(PARTICIPANT.BIRTH_DATE, d.birthDate())
                .set(PARTICIPANT.PHONE, d.phone())
                .set(PARTICIPANT.NATIONAL_ID_HMAC, nid == null ? null : nid.hmac())
                .set(PARTICIPANT.NATIONAL_ID_LAST3, nid == null ? null : nid.last3())
                .set(PARTICIPANT.NATIONAL_ID_KIND, nid == null ? null : nid.kind().name())
                .set(PARTICIPANT.ETHNICITY_CODE, d.ethnicityCode())
                .set(PARTICIPANT.UNIT_CODE, d.unitCode())
                .set(PARTICIPANT.ORGANIZATION, d.organization())
                .set(PARTICIPANT.POSITION, d.position())
                .set(PARTICIPANT.TARGET_GROUPS, d.targetGroups().toArray(String[]::new))
                .set(PARTICIPANT.DUPLICATE_OF, duplicateOf)
                .set(consentColumns(d.consent()))
                .set(PARTICIPANT.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(PARTICIPANT.ID.eq(id))
                .returning().fetchSingle();
    }

    /** The consent columns of a record holding consent c (null: none on record). */
    private static Map<Field<?>, Object> consentColumns(Consent c) {
        Map<Field<?>, Object> columns = new LinkedHashMap<>();
        columns.put(PARTICIPANT.CONSENT_AT, c == null ? null : c.givenAt());
        columns.put(PARTICIPANT.CONSENT_METHOD, c == null ? null : c.method());
        columns.put(PARTICIPANT.CONSENT_RECORDED_BY, c == null ? null : c.recordedBy());
        columns.put(PARTICIPANT.SENSITIVE_CONSENT, c == null ? null : c.coversSensitiveData());
        return columns;
    }

    /**
     * Each consent on its participant where none is on record: one given when a known person is seen
     * again (a walk-in, an import row matched to their record), as staff are asked to record it. A
     * match may be loose (a shared phone), so this never takes data away: a consent already on record
     * is not replaced, and one that leaves out sensitive data is not recorded on a record holding an
     * ethnicity (recording it would clear it); both are an edit's to do. Answers the ids that took one.
     */
    Set<UUID> recordFirstConsents(DSLContext tx, Map<UUID, Consent> consents) {
        if (consents.isEmpty()) {
            return Set.of();
        }
        List<UUID> ids = List.copyOf(consents.keySet());
        int[] updated = tx.batch(ids.stream().map(id -> {
            Consent c = consents.get(id);
            return tx.update(PARTICIPANT)
                    .set(consentColumns(c))
                    .set(PARTICIPANT.UPDATED_AT, DSL.currentOffsetDateTime())
                    .where(PARTICIPANT.ID.eq(id).and(PARTICIPANT.CONSENT_AT.isNull())
                            .and(c.coversSensitiveData() ? DSL.noCondition() : PARTICIPANT.ETHNICITY_CODE.isNull()));
        }).toList()).execute();
        Set<UUID> recorded = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (updated[i] > 0) {
                recorded.add(ids.get(i));
            }
        }
        return recorded;
    }

    // ------------------------------------------------------------------------------------ merge

    List<EnrollmentRecord> enrollmentsForUpdate(DSLContext tx, UUID participantId) {
        return tx.selectFrom(ENROLLMENT).where(ENROLLMENT.PARTICIPANT_ID.eq(participantId))
                .orderBy(ENROLLMENT.ID).forUpdate().fetch();
    }

    void deleteEnrollments(DSLContext tx, Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            tx.deleteFrom(ENROLLMENT).where(ENROLLMENT.ID.in(ids)).execute();
        }
    }

    /**
     * The courses in which a record of one side and a record of the other each hold a valid
     * certificate, as "number / number" (one side's first), ordered by the first number.
     */
    List<String> liveCertificatesOfSameCourse(DSLContext tx, Collection<UUID> oneSide, Collection<UUID> otherSide) {
        var a = CERTIFICATE.as("a");
        var b = CERTIFICATE.as("b");
        return tx.select(a.NUMBER, b.NUMBER).from(a)
                .join(b).on(b.COURSE_ID.eq(a.COURSE_ID))
                .where(a.PARTICIPANT_ID.in(oneSide).and(b.PARTICIPANT_ID.in(otherSide))
                        .and(a.STATUS.eq("valid")).and(b.STATUS.eq("valid")))
                .orderBy(a.NUMBER)
                .fetch(r -> r.value1() + " / " + r.value2());
    }

    /**
     * Participants' units as the units of their enrollments (the unit reports count them in): of
     * those in courses that have not ended (Vietnam's date), which they have not yet been trained in,
     * and of those with no unit (one filled in where none was known is no move); of all of them when
     * the old unit was a mistake (corrected). A course that has ended keeps the unit its trainee had
     * then, so a move does not change the reports of past years. Answers how many of each person's
     * changed (those with none left out), for the audit entries.
     */
    Map<UUID, Integer> enrollmentsFollowUnit(DSLContext tx, Collection<UUID> participantIds, boolean corrected) {
        return enrollmentsFollowUnit(tx, participantIds, corrected, null);
    }

    /**
     * As above; correctedWithin: the units whose enrollments a correction may give the unit (a caller
     * scoped to a district or commune corrects what was recorded in their units, not where another
     * district trained the person), null for any.
     */
    Map<UUID, Integer> enrollmentsFollowUnit(DSLContext tx, Collection<UUID> participantIds, boolean corrected,
                                             Set<String> correctedWithin) {
        Field<LocalDate> today = DSL.field("(now() at time zone 'Asia/Ho_Chi_Minh')::date", LocalDate.class);
        Condition notEnded = ENROLLMENT.COURSE_ID.in(
                DSL.select(COURSE.ID).from(COURSE).where(COURSE.END_DATE.ge(today)));
        Condition correctable = correctedWithin == null ? DSL.noCondition()
                : ENROLLMENT.UNIT_CODE.in(correctedWithin).or(ENROLLMENT.UNIT_CODE.isNull());
        return tx.update(ENROLLMENT).set(ENROLLMENT.UNIT_CODE, PARTICIPANT.UNIT_CODE)
                .from(PARTICIPANT)
                .where(PARTICIPANT.ID.eq(ENROLLMENT.PARTICIPANT_ID).and(Ids.in(PARTICIPANT.ID, participantIds))
                        .and(corrected ? correctable : notEnded.or(ENROLLMENT.UNIT_CODE.isNull()))
                        .and(ENROLLMENT.UNIT_CODE.isDistinctFrom(PARTICIPANT.UNIT_CODE)))
                .returning(ENROLLMENT.PARTICIPANT_ID).fetch(ENROLLMENT.PARTICIPANT_ID).stream()
                .collect(Collectors.toMap(id -> id, id -> 1, Integer::sum));
    }

    /**
     * Each unit on its participant where none is on record, and on their enrollments
     * (enrollmentsFollowUnit): one given when a known person is seen again (a walk-in, an import row
     * matched to their record), so that reports count their training in a unit. A match may be
     * loose (a shared phone), so a unit on record is never replaced: moving a person is an edit's to
     * do. Answers the ids that took one, each with how many of its enrollments took it too.
     */
    Map<UUID, Integer> recordFirstUnits(DSLContext tx, Map<UUID, String> units) {
        if (units.isEmpty()) {
            return Map.of();
        }
        List<UUID> ids = List.copyOf(units.keySet());
        List<UUID> recorded = tx.resultQuery("""
                        update participant p set unit_code = given.unit_code, updated_at = now()
                        from unnest({0}, {1}) given (id, unit_code)
                        where p.id = given.id and p.unit_code is null
                        returning p.id""",
                DSL.val(ids.toArray(UUID[]::new)), DSL.val(ids.stream().map(units::get).toArray(String[]::new)))
                .fetch(0, UUID.class);
        Map<UUID, Integer> realigned = recorded.isEmpty() ? Map.of() : enrollmentsFollowUnit(tx, recorded, false);
        return recorded.stream().collect(Collectors.toMap(id -> id, id -> realigned.getOrDefault(id, 0)));
    }

    void moveEnrollments(DSLContext tx, Collection<UUID> ids, UUID toParticipant) {
        if (!ids.isEmpty()) {
            tx.update(ENROLLMENT).set(ENROLLMENT.PARTICIPANT_ID, toParticipant).where(ENROLLMENT.ID.in(ids)).execute();
        }
    }

    /**
     * Moves the duplicate's scans, excused absences and withheld certificates to the kept record.
     * Where both were present at a session, the attendance first seen (with its repeats, as the
     * attendance record reads it) stays and the other is ended (kept as evidence, undone by the
     * merging user), its repeats then repeating the one that stays: there is still one attendance per
     * person and session, and she is as early as her earliest scan. A certificate withheld from
     * either record stays withheld from the person. Answers how many scans moved.
     */
    int moveAttendance(DSLContext tx, UUID duplicateId, UUID keptId, UUID userId) {
        tx.execute("""
                with pair as (
                    select d.id as duplicate, k.id as kept,
                           (select least(coalesce(d.judged_at, d.scanned_at), min(coalesce(r.judged_at, r.scanned_at)))
                            from check_in r where r.participant_id = d.participant_id and r.session_id = d.session_id
                              and r.first_check_in_id = d.id and r.undone_at is null) as duplicate_seen,
                           (select least(coalesce(k.judged_at, k.scanned_at), min(coalesce(r.judged_at, r.scanned_at)))
                            from check_in r where r.participant_id = k.participant_id and r.session_id = k.session_id
                              and r.first_check_in_id = k.id and r.undone_at is null) as kept_seen
                    from check_in d join check_in k on k.session_id = d.session_id and k.participant_id = {1}
                         and k.outcome = 'accepted' and k.undone_at is null
                    where d.participant_id = {0} and d.outcome = 'accepted' and d.undone_at is null),
                decided as (
                    select case when duplicate_seen < kept_seen then kept else duplicate end as ended,
                           case when duplicate_seen < kept_seen then duplicate else kept end as stays
                    from pair),
                ended as (
                    update check_in c set undone_at = now(), undone_by = {2}
                    from decided where c.id = decided.ended)
                update check_in r set first_check_in_id = decided.stays
                from decided where r.participant_id in ({0}, {1}) and r.first_check_in_id = decided.ended""",
                DSL.val(duplicateId), DSL.val(keptId), DSL.val(userId));
        int moved = tx.update(CHECK_IN).set(CHECK_IN.PARTICIPANT_ID, keptId)
                .where(CHECK_IN.PARTICIPANT_ID.eq(duplicateId)).execute();
        moveUnlessKept(tx, EXCUSED_ABSENCE, EXCUSED_ABSENCE.PARTICIPANT_ID, EXCUSED_ABSENCE.SESSION_ID, duplicateId,
                keptId);
        moveUnlessKept(tx, CERTIFICATE_WITHHELD, CERTIFICATE_WITHHELD.PARTICIPANT_ID, CERTIFICATE_WITHHELD.COURSE_ID,
                duplicateId, keptId);
        return moved;
    }

    /**
     * The duplicate's rows of a table keyed by (key, person) become the kept record's, except where
     * the kept record has one with the same key: that one stays, the duplicate's goes.
     */
    private static <R extends Record> void moveUnlessKept(DSLContext tx, Table<R> table, TableField<R, UUID> person,
                                                          TableField<R, UUID> key, UUID duplicateId, UUID keptId) {
        Table<R> kept = table.as("kept");
        tx.deleteFrom(table)
                .where(person.eq(duplicateId).and(DSL.exists(DSL.selectOne().from(kept)
                        .where(kept.field(person).eq(keptId).and(kept.field(key).eq(key))))))
                .execute();
        tx.update(table).set(person, keptId).where(person.eq(duplicateId)).execute();
    }

    /**
     * Takes the ethnicity off these records: under a consent that leaves out sensitive data the
     * person keeps none, on the records merged into theirs either (which stay readable).
     */
    void clearEthnicity(DSLContext tx, Collection<UUID> ids) {
        tx.update(PARTICIPANT).set(PARTICIPANT.ETHNICITY_CODE, (String) null)
                .set(PARTICIPANT.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(PARTICIPANT.ID.in(ids).and(PARTICIPANT.ETHNICITY_CODE.isNotNull())).execute();
    }

    ParticipantRecord markMerged(DSLContext tx, UUID mergedId, UUID keptId) {
        return tx.update(PARTICIPANT)
                .set(PARTICIPANT.MERGED_INTO, keptId)
                .set(PARTICIPANT.DUPLICATE_OF, (UUID) null)
                .set(PARTICIPANT.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(PARTICIPANT.ID.eq(mergedId))
                .returning().fetchSingle();
    }

    /**
     * Flags that named the merged record now name the kept one (the kept record's own flag is the
     * caller's business). Province-wide: a flag may have been set by a province-wide user. Answers
     * the ids of the records changed.
     */
    List<UUID> repointDuplicateFlags(DSLContext tx, String provinceCode, UUID mergedId, UUID keptId) {
        return tx.update(PARTICIPANT)
                .set(PARTICIPANT.DUPLICATE_OF, keptId)
                .set(PARTICIPANT.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(PARTICIPANT.PROVINCE_CODE.eq(provinceCode).and(PARTICIPANT.DUPLICATE_OF.eq(mergedId))
                        .and(PARTICIPANT.ID.ne(keptId)))
                .returning(PARTICIPANT.ID)
                .fetch(ParticipantRecord::getId);
    }

    void insertMerge(DSLContext tx, String provinceCode, UUID keptId, UUID mergedId, int movedEnrollments,
                     UUID mergedBy) {
        tx.insertInto(PARTICIPANT_MERGE)
                .set(PARTICIPANT_MERGE.PROVINCE_CODE, provinceCode)
                .set(PARTICIPANT_MERGE.KEPT_ID, keptId)
                .set(PARTICIPANT_MERGE.MERGED_ID, mergedId)
                .set(PARTICIPANT_MERGE.MOVED_ENROLLMENTS, movedEnrollments)
                .set(PARTICIPANT_MERGE.MERGED_BY, mergedBy)
                .execute();
    }

    // ------------------------------------------------------------------------------------ erasure

    /** These participants, locked in id order (so that two transactions locking some of them cannot deadlock). */
    List<ParticipantRecord> lockAll(DSLContext tx, Collection<UUID> ids) {
        return lockAll(tx, DSL.trueCondition(), ids);
    }

    /** Those of these participants in scope, locked in id order (see lockAll). */
    List<ParticipantRecord> lockAll(DSLContext tx, Condition scope, Collection<UUID> ids) {
        return tx.selectFrom(PARTICIPANT).where(scope.and(PARTICIPANT.ID.in(ids))).orderBy(PARTICIPANT.ID).forUpdate()
                .fetch();
    }

    /**
     * Flags of other records of the province that named one of these as their likely duplicate are
     * cleared: they rested on data that is erased, and would tie a named record to an erased one.
     * Answers the records changed (by id) and the record each had named.
     */
    Map<UUID, UUID> clearDuplicateFlags(DSLContext tx, String provinceCode, Collection<UUID> ids) {
        Map<UUID, UUID> flagged = new TreeMap<>(tx.select(PARTICIPANT.ID, PARTICIPANT.DUPLICATE_OF)
                .from(PARTICIPANT)
                .where(PARTICIPANT.PROVINCE_CODE.eq(provinceCode).and(PARTICIPANT.DUPLICATE_OF.in(ids))
                        .and(PARTICIPANT.ID.notIn(ids)))
                .orderBy(PARTICIPANT.ID).forUpdate()
                .fetchMap(PARTICIPANT.ID, PARTICIPANT.DUPLICATE_OF));
        if (!flagged.isEmpty()) {
            tx.update(PARTICIPANT)
                    .set(PARTICIPANT.DUPLICATE_OF, (UUID) null)
                    .set(PARTICIPANT.UPDATED_AT, DSL.currentOffsetDateTime())
                    .where(PARTICIPANT.ID.in(flagged.keySet()))
                    .execute();
        }
        return flagged;
    }

    /**
     * Removes the personal data of these records (see ParticipantErasure): the name becomes the
     * placeholder (name_key follows, being generated), and phone, national ID, birth date,
     * ethnicity, organisation, position and the duplicate flag are cleared. Sex, birth year, unit
     * and target groups stay. A birth year known only from the birth date is kept as the year.
     */
    List<ParticipantRecord> erase(DSLContext tx, Collection<UUID> ids, UUID erasedBy) {
        return tx.update(PARTICIPANT)
                .set(PARTICIPANT.FULL_NAME, Erased.NAME)
                .set(PARTICIPANT.BIRTH_YEAR, DSL.coalesce(PARTICIPANT.BIRTH_YEAR,
                        DSL.extract(PARTICIPANT.BIRTH_DATE, org.jooq.DatePart.YEAR)))
                .set(PARTICIPANT.BIRTH_DATE, (LocalDate) null)
                .set(PARTICIPANT.PHONE, (String) null)
                .set(PARTICIPANT.NATIONAL_ID_HMAC, (byte[]) null)
                .set(PARTICIPANT.NATIONAL_ID_LAST3, (String) null)
                .set(PARTICIPANT.NATIONAL_ID_KIND, (String) null)
                .set(PARTICIPANT.ETHNICITY_CODE, (String) null)
                .set(PARTICIPANT.ORGANIZATION, (String) null)
                .set(PARTICIPANT.POSITION, (String) null)
                .set(PARTICIPANT.DUPLICATE_OF, (UUID) null)
                .set(PARTICIPANT.ERASED_AT, DSL.currentOffsetDateTime())
                .set(PARTICIPANT.ERASED_BY, erasedBy)
                .set(PARTICIPANT.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(PARTICIPANT.ID.in(ids))
                .returning().fetch();
    }

    /**
     * The free-text reasons written about these people on their enrollments (withdrawal) and
     * excused absences become marker: they may hold anything (an illness, a family matter). That
     * an enrollment was withdrawn or an absence excused stays, as reports and completion read it.
     */
    void eraseReasons(DSLContext tx, Collection<UUID> ids, String marker) {
        tx.update(ENROLLMENT).set(ENROLLMENT.WITHDRAWAL_REASON, marker)
                .where(ENROLLMENT.PARTICIPANT_ID.in(ids).and(ENROLLMENT.WITHDRAWAL_REASON.isNotNull())).execute();
        tx.update(EXCUSED_ABSENCE).set(EXCUSED_ABSENCE.REASON, marker)
                .where(EXCUSED_ABSENCE.PARTICIPANT_ID.in(ids)).execute();
    }

    // ------------------------------------------------------------------------------------ mapping

    static Participant toParticipant(ParticipantRecord r) {
        NationalIdHasher.Digest nid = digest(r);
        return new Participant(r.getId(), r.getFullName(), r.getSex(), r.getBirthYear(), r.getBirthDate(),
                r.getPhone(), nid == null ? null : nid.masked(), r.getEthnicityCode(), r.getUnitCode(),
                r.getOrganization(), r.getPosition(), Arrays.asList(r.getTargetGroups()), r.getDuplicateOf(),
                r.getMergedInto(), r.getCreatedAt(), r.getUpdatedAt(), r.getErasedAt(), consent(r));
    }

    /** The consent on record, or null (none recorded: the record is older than consents). */
    static Consent consent(ParticipantRecord r) {
        return r.getConsentAt() == null ? null : new Consent(r.getConsentAt(), r.getConsentMethod(),
                r.getSensitiveConsent(), r.getConsentRecordedBy());
    }

    static ParticipantData toData(ParticipantRecord r) {
        return new ParticipantData(r.getFullName(), r.getSex(), r.getBirthYear(), r.getBirthDate(), r.getPhone(),
                digest(r), r.getEthnicityCode(), r.getUnitCode(), r.getOrganization(), r.getPosition(),
                List.of(r.getTargetGroups()), consent(r));
    }

    static Duplicates.Person toPerson(ParticipantRecord r) {
        return new Duplicates.Person(r.getId(), r.getNationalIdHmac(), r.getPhone(), r.getNameKey(), r.getBirthYear(),
                r.getUnitCode(), r.getSex());
    }

    static NationalIdHasher.Digest digest(ParticipantRecord r) {
        return r.getNationalIdHmac() == null ? null : new NationalIdHasher.Digest(r.getNationalIdHmac(),
                r.getNationalIdLast3(), NationalId.Kind.valueOf(r.getNationalIdKind()));
    }
}
