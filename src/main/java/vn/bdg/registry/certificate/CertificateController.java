package vn.bdg.registry.certificate;

import io.javalin.http.Context;
import vn.bdg.registry.auth.AccessManager;
import vn.bdg.registry.text.VietnameseText;
import vn.bdg.registry.web.Bodies;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.Downloads;
import vn.bdg.registry.web.Params;
import vn.bdg.registry.web.Validator;

import java.util.Map;
import java.util.UUID;

/** Client/server IO for issuing, withholding, revoking and printing certificates (logged in). */
public final class CertificateController {
    record IssueRequest(String place, String signerName, String signerTitle) {
    }

    record ManualIssueRequest(String reason, String place, String signerName, String signerTitle) {
    }

    record ReasonRequest(String reason) {
    }

    private final CertificateService certificates;

    public CertificateController(CertificateService certificates) {
        this.certificates = certificates;
    }

    /** The body is optional: without one, the place and signer are the defaults. */
    public void issue(Context ctx) {
        IssueRequest req = ctx.bodyAsBytes().length == 0 ? new IssueRequest(null, null, null)
                : Bodies.read(ctx, IssueRequest.class);
        Validator v = new Validator();
        CertificateService.Signing signing = signing(v, req.place(), req.signerName(), req.signerTitle());
        v.validate();
        ctx.json(certificates.issue(AccessManager.caller(ctx), Params.pathId(ctx, "id"), signing));
    }

    public void issueOne(Context ctx) {
        ManualIssueRequest req = Bodies.read(ctx, ManualIssueRequest.class);
        String reason = VietnameseText.cleanLines(req.reason()); // NFC, counted and stored like names, lines kept
        Validator v = new Validator().require("reason", reason).maxLength("reason", reason, 500);
        CertificateService.Signing signing = signing(v, req.place(), req.signerName(), req.signerTitle());
        v.validate();
        ctx.status(201).json(certificates.issueOne(AccessManager.caller(ctx), Params.pathId(ctx, "id"),
                Params.pathId(ctx, "participantId"), reason, signing));
    }

    public void withhold(Context ctx) {
        String reason = reason(ctx);
        ctx.json(certificates.withhold(AccessManager.caller(ctx), Params.pathId(ctx, "id"),
                Params.pathId(ctx, "participantId"), reason));
    }

    public void revoke(Context ctx) {
        String reason = reason(ctx);
        ctx.json(certificates.revoke(AccessManager.caller(ctx), ctx.pathParam("number"), reason));
    }

    public void pdf(Context ctx) {
        Certificate c = certificates.visible(AccessManager.caller(ctx), ctx.pathParam("number"));
        writePdf(ctx, c);
    }

    /** The certificate as an Open Badges 3.0 credential, unsigned (JSON-LD) or signed (vc+jwt). */
    public void badge(Context ctx) {
        writeBadge(ctx, certificates.badge(certificates.visible(AccessManager.caller(ctx), ctx.pathParam("number"))));
    }

    public void signedBadge(Context ctx) {
        writeSecured(ctx, certificates.signedBadge(
                certificates.visible(AccessManager.caller(ctx), ctx.pathParam("number"))));
    }

    /** Every live certificate of the course, one PDF each, for printing. */
    public void zip(Context ctx) throws Exception {
        UUID courseId = Params.pathId(ctx, "id");
        var list = certificates.liveOfCourse(AccessManager.caller(ctx), courseId);
        ctx.contentType("application/zip");
        ctx.header("Content-Disposition", "attachment; filename=\"certificates-" + courseId + ".zip\"");
        CertificateService.writeZip(list, ctx.outputStream());
    }

    /** Every live certificate of the course in one PDF, a page each: one print job. */
    public void mergedPdf(Context ctx) {
        UUID courseId = Params.pathId(ctx, "id");
        var list = certificates.liveOfCourse(AccessManager.caller(ctx), courseId);
        if (list.isEmpty()) {
            throw ApiException.conflict("no_certificates"); // a PDF must have a page
        }
        Downloads.attachment(ctx, "certificates-" + courseId + ".pdf", "application/pdf",
                CertificateService.mergedPdf(list));
    }

    static void writePdf(Context ctx, Certificate c) {
        ctx.header("Content-Disposition", "inline; filename=\"" + c.number() + ".pdf\"");
        ctx.contentType("application/pdf").result(CertificateService.pdf(c));
    }

    static void writeBadge(Context ctx, Map<String, Object> credential) {
        ctx.json(credential).contentType(OpenBadge.MEDIA_TYPE);
    }

    /** A credential secured as a compact JWS. */
    static void writeSecured(Context ctx, String jws) {
        ctx.contentType(OpenBadge.SECURED_MEDIA_TYPE).result(jws);
    }

    private static String reason(Context ctx) {
        ReasonRequest req = Bodies.read(ctx, ReasonRequest.class);
        String reason = VietnameseText.cleanLines(req.reason()); // NFC, counted and stored like names, lines kept
        new Validator().require("reason", reason).maxLength("reason", reason, 500).validate();
        return reason;
    }

    /**
     * The signing fields as they are stored (NFC, spaces cleaned), counted as stored: NFC can make a
     * text longer (U+0958 is two characters in NFC).
     */
    private static CertificateService.Signing signing(Validator v, String place, String signerName, String signerTitle) {
        CertificateService.Signing signing = new CertificateService.Signing(VietnameseText.clean(place),
                VietnameseText.clean(signerName), VietnameseText.clean(signerTitle));
        v.maxLength("place", signing.place(), 200).maxLength("signerName", signing.signerName(), 200)
                .maxLength("signerTitle", signing.signerTitle(), 200);
        return signing;
    }
}
