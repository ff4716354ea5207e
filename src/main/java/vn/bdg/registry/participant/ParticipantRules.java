package vn.bdg.registry.participant;

import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.catalog.Catalogs;
import vn.bdg.registry.text.VietnameseText;
import vn.bdg.registry.unit.UnitRepository;
import vn.bdg.registry.web.FieldError;

import java.time.LocalDate;
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

    Checked check(Caller caller, ParticipantInput in) {
        List<FieldError> invalid = new ArrayList<>();
        List<FieldError> unprocessable = new ArrayList<>();
        int thisYear = LocalDate.now().getYear();

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
        if (birthDate != null && (birthDate.getYear() < MIN_BIRTH_YEAR || birthDate.isAfter(LocalDate.now()))) {
            invalid.add(new FieldError("birthDate", "out_of_range", MIN_BIRTH_YEAR + "-01-01",
                    LocalDate.now().toString()));
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
        if (ethnicity != null && !catalogs.contains(Catalogs.ETHNICITIES, ethnicity)) {
            unprocessable.add(new FieldError("ethnicityCode", "unknown_code"));
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
                ethnicity, unit, organization, position, List.copyOf(targetGroups));
        return new Checked(data, invalid, unprocessable);
    }
}
