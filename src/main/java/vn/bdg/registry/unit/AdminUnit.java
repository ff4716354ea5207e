package vn.bdg.registry.unit;

import java.time.LocalDate;

/** An administrative unit with its validity period and its successor after a reorganisation. */
public record AdminUnit(String code, String name, String level, String parentCode, LocalDate validFrom,
                        LocalDate validTo, String successorCode) {
}
