package vn.bdg.registry.course;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/** A session (buổi) of a course, on one date, with local times. */
public record Session(UUID id, UUID courseId, LocalDate date,
                      @JsonFormat(pattern = "HH:mm") LocalTime startTime,
                      @JsonFormat(pattern = "HH:mm") LocalTime endTime,
                      String venue) {
}
