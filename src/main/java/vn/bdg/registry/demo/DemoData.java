package vn.bdg.registry.demo;

import org.jooq.DSLContext;
import vn.bdg.registry.auth.PasswordHasher;

import java.io.PrintStream;

/** Demo data for `serve --demo`. PLACEHOLDER: being implemented. */
public final class DemoData {
    private DemoData() {
    }

    public static void loadOnce(DSLContext dsl, PasswordHasher hasher, PrintStream out) {
    }
}
