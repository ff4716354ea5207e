package vn.bdg.registry.participant;

import java.time.LocalDate;
import java.util.List;

/**
 * A person's data checked and normalised, as stored (NFC name, E.164 phone, hashed national ID);
 * consent is the one on record after the write (null: none recorded).
 */
record ParticipantData(String fullName, String sex, Integer birthYear, LocalDate birthDate, String phone,
                       NationalIdHasher.Digest nationalId, String ethnicityCode, String unitCode,
                       String organization, String position, List<String> targetGroups, Consent consent) {

    ParticipantData withNationalId(NationalIdHasher.Digest digest) {
        return new ParticipantData(fullName, sex, birthYear, birthDate, phone, digest, ethnicityCode, unitCode,
                organization, position, targetGroups, consent);
    }
}
