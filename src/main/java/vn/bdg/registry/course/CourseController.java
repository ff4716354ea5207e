package vn.bdg.registry.course;

import io.javalin.http.Context;
import vn.bdg.registry.Core;
import vn.bdg.registry.web.ApiException;

/** Client/server IO for courses and their sessions. PLACEHOLDER: being implemented. */
public final class CourseController {
    public CourseController(Core core) {
    }

    public void list(Context ctx) { throw new ApiException(501, "not_implemented"); }
    public void create(Context ctx) { throw new ApiException(501, "not_implemented"); }
    public void get(Context ctx) { throw new ApiException(501, "not_implemented"); }
    public void update(Context ctx) { throw new ApiException(501, "not_implemented"); }
    public void listSessions(Context ctx) { throw new ApiException(501, "not_implemented"); }
    public void createSession(Context ctx) { throw new ApiException(501, "not_implemented"); }
    public void getSession(Context ctx) { throw new ApiException(501, "not_implemented"); }
    public void updateSession(Context ctx) { throw new ApiException(501, "not_implemented"); }
    public void deleteSession(Context ctx) { throw new ApiException(501, "not_implemented"); }
}
