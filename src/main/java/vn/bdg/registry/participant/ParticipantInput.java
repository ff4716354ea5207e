package vn.bdg.registry.participant;

import java.time.LocalDate;
import java.util.List;

/** What a client sends about a person (ParticipantWrite / ParticipantPatch, or one import row), unchecked. */
public record ParticipantInput(String fullName, String sex, Integer birthYear, LocalDate birthDate, String phone,
                        String nationalId, String ethnicityCode, String unitCode, String organization,
                        String position, List<String> targetGroups) {
}
