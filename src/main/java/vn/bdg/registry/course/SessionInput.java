package vn.bdg.registry.course;

import vn.bdg.registry.text.VietnameseText;
import vn.bdg.registry.web.Bodies;

import java.time.LocalDate;
import java.time.LocalTime;

/** The fields a client writes for a session (SessionCreate / SessionPatch); times as sent, "HH:mm". */
public record SessionInput(LocalDate date, String startTime, String endTime, String venue) {

    static SessionInput of(Session s) {
        return new SessionInput(s.date(), hhmm(s.startTime()), hhmm(s.endTime()), s.venue());
    }

    /** This value with the fields the client sent replaced, the venue cleaned. */
    SessionInput overlaidWith(Bodies.Patch<SessionInput> patch) {
        SessionInput p = patch.value();
        return new SessionInput(patch.has("date") ? p.date() : date,
                patch.has("startTime") ? p.startTime() : startTime,
                patch.has("endTime") ? p.endTime() : endTime,
                VietnameseText.clean(patch.has("venue") ? p.venue() : venue));
    }

    private static String hhmm(LocalTime t) {
        return "%02d:%02d".formatted(t.getHour(), t.getMinute());
    }
}
