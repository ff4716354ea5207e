package vn.bdg.registry.participant;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A person's consent as recorded (Law 91/2025/QH15): when and how it was given, whether it covers
 * sensitive data (ethnicity is stored only if it does), and the user who recorded it.
 */
public record Consent(OffsetDateTime givenAt, String method, boolean coversSensitiveData, UUID recordedBy) {
    /** The signed registration form; said aloud at registration, recorded by the staff member; online. */
    static final List<String> METHODS = List.of("paper_form", "verbal", "online");
}
