package vn.bdg.registry.certificate;

import io.javalin.http.Context;
import vn.bdg.registry.card.Ed25519;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.Bodies;
import vn.bdg.registry.web.Messages;
import vn.bdg.registry.web.Params;
import vn.bdg.registry.web.Validator;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Client/server IO for what needs no login (all rate-limited per client): checking a certificate
 * by number, by page or by credential, the revocation list, and a card holder's own records.
 */
public final class PublicController {
    record VerifyRequest(String credential) {
    }

    private final CertificateService certificates;
    private final SelfService self;

    public PublicController(CertificateService certificates, SelfService self) {
        this.certificates = certificates;
        this.self = self;
    }

    public void certificate(Context ctx) {
        noStore(ctx);
        ctx.json(certificates.lookup(ctx.pathParam("number"), Params.query(ctx, "code"))
                .orElseThrow(ApiException::notFound));
    }

    public void revoked(Context ctx) {
        String province = Params.query(ctx, "province");
        new Validator().require("province", province).maxLength("province", province, 10).validate();
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.json(certificates.revokedIn(province));
    }

    /** The revocation list a badge's credentialStatus names; cached like the list of revoked numbers. */
    public void statusList(Context ctx) {
        String list = certificates.statusList(ctx.pathParam("province"), ctx.pathParam("year"))
                .orElseThrow(ApiException::notFound);
        ctx.header("Cache-Control", "public, max-age=300");
        CertificateController.writeSecured(ctx, list);
    }

    /**
     * The largest body of a credential check: the longest credential taken (Ed25519.MAX_TOKEN
     * characters) fits even with every letter escaped; anyone may call it, so longer is refused unread.
     */
    static final long MAX_VERIFY_BODY_BYTES = 64 * 1024;

    public void verifyCredential(Context ctx) {
        VerifyRequest req = Bodies.read(ctx, VerifyRequest.class, MAX_VERIFY_BODY_BYTES);
        new Validator().require("credential", req.credential()).maxLength("credential", req.credential(), Ed25519.MAX_TOKEN)
                .validate();
        noStore(ctx);
        ctx.json(certificates.verifyCredential(req.credential()));
    }

    /**
     * The page the QR code opens (its link carries the check code); an unknown number is a 404
     * page, never a hint about other numbers. Its one form asks for the check code, by GET.
     */
    public void page(Context ctx) {
        String number = ctx.pathParam("number");
        String code = Params.query(ctx, "code");
        var certificate = certificates.lookup(number, code);
        Locale locale = Messages.locale(ctx);
        noStore(ctx);
        htmlHeaders(ctx, locale, "'self'");
        ctx.status(certificate.isPresent() ? 200 : 404).contentType("text/html; charset=utf-8")
                .result(VerifyPage.render(locale, number, certificate.orElse(null), code != null)
                        .getBytes(StandardCharsets.UTF_8));
    }

    public void card(Context ctx) {
        noStore(ctx);
        ctx.json(self.view(ctx.pathParam("cardToken")));
    }

    /** The card holder's page: the same data as {@link #card}, as HTML for a phone. */
    public void cardPage(Context ctx) {
        Locale locale = Messages.locale(ctx);
        noStore(ctx);
        htmlHeaders(ctx, locale, "'none'");
        String html;
        try {
            html = CardPage.render(locale, self.view(ctx.pathParam("cardToken")));
            ctx.status(200);
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            html = CardPage.unknown(locale);
            ctx.status(404);
        }
        ctx.contentType("text/html; charset=utf-8").result(html.getBytes(StandardCharsets.UTF_8));
    }

    public void cardCertificatePdf(Context ctx) {
        noStore(ctx);
        CertificateController.writePdf(ctx, cardCertificate(ctx));
    }

    public void cardBadge(Context ctx) {
        noStore(ctx);
        CertificateController.writeBadge(ctx, certificates.badge(cardCertificate(ctx)));
    }

    public void cardSignedBadge(Context ctx) {
        noStore(ctx);
        CertificateController.writeSecured(ctx, certificates.signedBadge(cardCertificate(ctx)));
    }

    private Certificate cardCertificate(Context ctx) {
        return self.certificate(ctx.pathParam("cardToken"), ctx.pathParam("number"));
    }

    /**
     * A self-contained page: no scripts, nothing from elsewhere, no referrer (the card link and the
     * check code are secrets); formAction: where its forms may send to ('none' for a page without).
     */
    private static void htmlHeaders(Context ctx, Locale locale, String formAction) {
        ctx.header("Content-Language", locale.toLanguageTag());
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                + "form-action " + formAction + "; frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    /** Status can change at any moment (revocation), and card data is personal: never cached. */
    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
    }
}
