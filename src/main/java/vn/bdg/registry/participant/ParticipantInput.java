package vn.bdg.registry.participant;

import java.time.LocalDate;
import java.util.List;

/**
 * What a client sends about a person (ParticipantWrite / ParticipantPatch, or one import row),
 * unchecked; consent is null when none is given with it.
 */
public record ParticipantInput(String fullName, String sex, Integer birthYear, LocalDate birthDate, String phone,
                        String nationalId, String ethnicityCode, String unitCode, String organization,
                        String position, List<String> targetGroups, ConsentInput consent) {

    /**
     * A consent as sent (ConsentWrite), unchecked: givenAt a date and time with its offset, or a date
     * (taken as its start in Vietnam). Nothing has a default: consent is never assumed.
     */
    public record ConsentInput(String givenAt, String method, Boolean coversSensitiveData) {
    }
}
