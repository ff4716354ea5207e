package vn.bdg.registry.organization;

import java.util.UUID;

/** An organiser of courses (a department, a union, a People's Committee...), owned by a province. */
public record Organization(UUID id, String name, String shortName, String unitCode) {
}
