package vn.bdg.registry.user;

import vn.bdg.registry.auth.Role;

import java.util.UUID;

/** A user account as the API shows it (never the password hash). */
public record User(UUID id, String username, String fullName, Role role, String provinceCode, String unitCode,
                   boolean active) {
}
