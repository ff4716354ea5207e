package vn.bdg.registry.participant;

import io.javalin.http.Context;
import vn.bdg.registry.Core;
import vn.bdg.registry.web.ApiException;

/** Client/server IO for participants. PLACEHOLDER: being implemented. */
public final class ParticipantController {
    public ParticipantController(Core core) {
    }

    public void list(Context ctx) { throw new ApiException(501, "not_implemented"); }
    public void create(Context ctx) { throw new ApiException(501, "not_implemented"); }
    public void importFile(Context ctx) { throw new ApiException(501, "not_implemented"); }
    public void get(Context ctx) { throw new ApiException(501, "not_implemented"); }
    public void update(Context ctx) { throw new ApiException(501, "not_implemented"); }
    public void duplicates(Context ctx) { throw new ApiException(501, "not_implemented"); }
    public void merge(Context ctx) { throw new ApiException(501, "not_implemented"); }
}
