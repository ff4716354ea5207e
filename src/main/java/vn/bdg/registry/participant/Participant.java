package vn.bdg.registry.participant;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A person as the API shows them: the national ID only masked. erasedAt: when their personal data
 * was erased at their request (the name is then {@link Erased#NAME} and the personal fields null).
 */
public record Participant(UUID id, String fullName, String sex, Integer birthYear, LocalDate birthDate,
                          String phone, String nationalIdMasked, String ethnicityCode, String unitCode,
                          String organization, String position, List<String> targetGroups, UUID duplicateOf,
                          UUID mergedInto, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                          OffsetDateTime erasedAt) {
}
