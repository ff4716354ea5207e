package vn.bdg.registry.participant;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A person as the API shows them: the national ID only masked. erasedAt: when their personal data
 * was erased at their request (the name is then {@link Erased#NAME} and the personal fields null).
 * consent: the consent on record, shown only in answers about one participant (absent from lists,
 * and when none is recorded).
 */
public record Participant(UUID id, String fullName, String sex, Integer birthYear, LocalDate birthDate,
                          String phone, String nationalIdMasked, String ethnicityCode, String unitCode,
                          String organization, String position, List<String> targetGroups, UUID duplicateOf,
                          UUID mergedInto, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                          OffsetDateTime erasedAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Consent consent) {

    /** As lists show it: without the consent. */
    Participant listed() {
        return new Participant(id, fullName, sex, birthYear, birthDate, phone, nationalIdMasked, ethnicityCode,
                unitCode, organization, position, targetGroups, duplicateOf, mergedInto, createdAt, updatedAt,
                erasedAt, null);
    }
}
