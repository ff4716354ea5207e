package vn.bdg.registry.enrollment;

import io.javalin.http.Context;
import vn.bdg.registry.Core;
import vn.bdg.registry.web.ApiException;

/** Client/server IO for enrollments and trainer assignments. PLACEHOLDER: being implemented. */
public final class EnrollmentController {
    public EnrollmentController(Core core) {
    }

    public void list(Context ctx) { throw new ApiException(501, "not_implemented"); }
    public void create(Context ctx) { throw new ApiException(501, "not_implemented"); }
    public void withdraw(Context ctx) { throw new ApiException(501, "not_implemented"); }
    public void listTrainers(Context ctx) { throw new ApiException(501, "not_implemented"); }
    public void assignTrainer(Context ctx) { throw new ApiException(501, "not_implemented"); }
    public void unassignTrainer(Context ctx) { throw new ApiException(501, "not_implemented"); }
}
