package vn.bdg.registry.participant;

import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.catalog.Catalogs;
import vn.bdg.registry.text.VietnameseText;
import vn.bdg.registry.unit.UnitRepository;
import vn.bdg.registry.web.FieldError;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks and normalises what a client sends about a person, for the API and for imports alike.
 * Malformed or inconsistent values are "invalid" (400); unknown catalogue codes and units outside
 * the caller's scope are "unprocessable" (422). Field names are the JSON names.
 */
final class ParticipantRules {
    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 300;
    static final int MIN_BIRTH_YEAR = 1900;
    /** The earliest date a consent may carry. */
    static final LocalDate MIN_CONSENT_DATE = LocalDate.of(2000, 1, 1);
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** The normalised data (meaningful only when both error lists are empty) and the errors. */
    record Checked(ParticipantData data, List<FieldError> invalid, List<FieldError> unprocessable) {
        boolean ok() {
            return invalid.isEmpty() && unprocessable.isEmpty();
        }

        List<FieldError> errors() {
            List<FieldError> all = new ArrayList<>(invalid);
            all.addAll(unprocessable);
            return all;
        }
    }

    private final Catalogs catalogs;
    private final UnitRepository units;
    private final NationalIdHasher hasher;

    ParticipantRules(Catalogs catalogs, UnitRepository units, NationalIdHasher hasher) {
        this.catalogs = catalogs;
        this.units = units;
        this.hasher = hasher;
    }

    /** A new person: the consent, if any, is the one sent with them. */
    Checked check(Caller caller, ParticipantInput in) {
        return check(caller, in, null, true);
    }

    /**
     * recorded: the consent already on record (null: none); ethnicitySent: whether the request sets
     * the ethnicity (a PATCH that leaves it alone keeps what is stored, also on a record from before
     * consents were recorded). An ethnicity is set only under a consent covering sensitive data, sent
     * or recorded (else 422 consent_required); a consent that does not cover it clears it.
     */
    Checked check(Caller caller, ParticipantInput in, Consent recorded, boolean ethnicitySent) {
        List<FieldError> invalid = new ArrayList<>();
        List<FieldError> unprocessable = new ArrayList<>();
        LocalDate today = LocalDate.now(VIETNAM); // not the server's zone: 1 January starts at 17:00 UTC
        int thisYear = today.getYear();

        String fullName = VietnameseText.clean(in.fullName());
        if (fullName == null) {
            invalid.add(new FieldError("fullName", "required"));
        } else if (fullName.codePoints().noneMatch(Character::isLetter)) {
            invalid.add(new FieldError("fullName", "no_letter")); // e.g. only combining marks: blank, unsearchable
        } else if (fullName.length() > MAX_NAME) {
            invalid.add(new FieldError("fullName", "too_long", MAX_NAME));
        }
        if (in.sex() == null) {
            invalid.add(new FieldError("sex", "required"));
        } else if (!in.sex().equals("female") && !in.sex().equals("male")) {
            invalid.add(new FieldError("sex", "invalid_sex"));
        }

        Integer birthYear = in.birthYear();
        LocalDate birthDate = in.birthDate();
        if (birthYear != null && (birthYear < MIN_BIRTH_YEAR || birthYear > thisYear)) {
            invalid.add(new FieldError("birthYear", "out_of_range", String.valueOf(MIN_BIRTH_YEAR),
                    String.valueOf(thisYear)));
        }
        if (birthDate != null && (birthDate.getYear() < MIN_BIRTH_YEAR || birthDate.isAfter(today))) {
            invalid.add(new FieldError("birthDate", "out_of_range", MIN_BIRTH_YEAR + "-01-01",
                    today.toString()));
        }
        if (birthDate != null) {
            if (birthYear == null) {
                birthYear = birthDate.getYear();
            } else if (birthYear != birthDate.getYear()) {
                invalid.add(new FieldError("birthYear", "birth_year_mismatch"));
            }
        }

        String phone = null;
        if (VietnameseText.clean(in.phone()) != null) {
            phone = Phones.toE164(in.phone()).orElse(null);
            if (phone == null) {
                invalid.add(new FieldError("phone", "invalid_phone"));
            }
        }

        NationalIdHasher.Digest nationalId = null;
        if (VietnameseText.clean(in.nationalId()) != null) {
            Optional<NationalId> id = NationalId.parse(in.nationalId());
            if (id.isEmpty()) {
                invalid.add(new FieldError("nationalId", "invalid_national_id"));
            } else {
                Optional<String> mismatch = id.get().mismatch(in.sex(), birthYear);
                if (mismatch.isPresent()) {
                    invalid.add(new FieldError("nationalId", mismatch.get()));
                } else {
                    nationalId = hasher.digest(id.get());
                }
            }
        }

        String organization = VietnameseText.clean(in.organization());
        String position = VietnameseText.clean(in.position());
        if (organization != null && organization.length() > MAX_TEXT) {
            invalid.add(new FieldError("organization", "too_long", MAX_TEXT));
        }
        if (position != null && position.length() > MAX_TEXT) {
            invalid.add(new FieldError("position", "too_long", MAX_TEXT));
        }

        String ethnicity = VietnameseText.clean(in.ethnicityCode());
        Consent consent = in.consent() == null ? recorded : consent(caller, in.consent(), invalid);
        if (ethnicity != null && !catalogs.contains(Catalogs.ETHNICITIES, ethnicity)) {
            unprocessable.add(new FieldError("ethnicityCode", "unknown_code"));
        } else if (ethnicity != null && ethnicitySent && (consent == null ? in.consent() == null // else its errors say
                : !consent.coversSensitiveData())) {
            unprocessable.add(new FieldError("ethnicityCode", "consent_required"));
        }
        if (consent != null && !consent.coversSensitiveData()) {
            ethnicity = null; // withdrawn, or never given
        }
        List<String> targetGroups = new ArrayList<>();
        if (in.targetGroups() != null) {
            for (int i = 0; i < in.targetGroups().size(); i++) {
                String code = VietnameseText.clean(in.targetGroups().get(i));
                if (code == null || !catalogs.contains(Catalogs.TARGET_GROUPS, code)) {
                    unprocessable.add(new FieldError("targetGroups[" + i + "]", "unknown_code"));
                } else if (!targetGroups.contains(code)) {
                    targetGroups.add(code);
                }
            }
        }

        // A district or commune user's people belong to their scope: without a unit, their own.
        String unit = VietnameseText.clean(in.unitCode());
        if (unit == null && !caller.provinceWide()) {
            unit = caller.unitCode();
        }
        if (unit != null && !(units.inProvince(unit, caller.provinceCode()) && caller.canSeeUnit(unit))) {
            unprocessable.add(new FieldError("unitCode", "unknown_unit"));
        }

        ParticipantData data = new ParticipantData(fullName, in.sex(), birthYear, birthDate, phone, nationalId,
                ethnicity, unit, organization, position, List.copyOf(targetGroups), consent);
        return new Checked(data, invalid, unprocessable);
    }

    /** The consent sent, recorded by the caller, or null with its errors added to invalid. */
    private static Consent consent(Caller caller, ParticipantInput.ConsentInput in, List<FieldError> invalid) {
        int before = invalid.size();
        OffsetDateTime givenAt = null;
        String at = VietnameseText.clean(in.givenAt());
        if (at == null) {
            invalid.add(new FieldError("consent.givenAt", "required"));
        } else {
            givenAt = givenAt(at);
            OffsetDateTime now = OffsetDateTime.now(VIETNAM);
            if (givenAt == null) {
                invalid.add(new FieldError("consent.givenAt", "invalid_date_time"));
            } else if (givenAt.isBefore(MIN_CONSENT_DATE.atStartOfDay(VIETNAM).toOffsetDateTime())
                    || givenAt.isAfter(now.plusMinutes(5))) { // a phone's clock a little ahead is not the future
                invalid.add(new FieldError("consent.givenAt", "out_of_range", MIN_CONSENT_DATE.toString(),
                        now.toLocalDate().toString()));
            }
        }
        String method = VietnameseText.clean(in.method());
        if (method == null) {
            invalid.add(new FieldError("consent.method", "required"));
        } else if (!Consent.METHODS.contains(method)) {
            invalid.add(new FieldError("consent.method", "not_allowed", String.join(", ", Consent.METHODS)));
        }
        if (in.coversSensitiveData() == null) {
            invalid.add(new FieldError("consent.coversSensitiveData", "required")); // never assumed
        }
        return invalid.size() > before ? null
                : new Consent(givenAt, method, in.coversSensitiveData(), caller.userId());
    }

    /** A date and time with its offset, or a date (its start in Vietnam); null if neither. */
    private static OffsetDateTime givenAt(String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(value).atStartOfDay(VIETNAM).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
