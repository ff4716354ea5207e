package vn.bdg.registry.auth;

import io.javalin.security.RouteRole;

/** What a user may do inside their province (and unit, when scoped). See API.md "Auth and users". */
public enum Role implements RouteRole {
    admin, organizer, trainer, reporter;

    /** Marks routes that need no login. */
    public enum Access implements RouteRole { PUBLIC }

    public static final Role[] ANY = values();
    public static final Role[] MANAGERS = {admin, organizer};
    public static final Role[] READERS = {admin, organizer, reporter};
    /** Who may take attendance: organisers and admins in their scope, trainers on assigned courses. */
    public static final Role[] SCANNERS = {admin, organizer, trainer};
}
