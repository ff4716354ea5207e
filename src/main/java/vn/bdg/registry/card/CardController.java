package vn.bdg.registry.card;

import io.javalin.http.Context;
import vn.bdg.registry.auth.AccessManager;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.print.BadgeImage;
import vn.bdg.registry.unit.AdminUnit;
import vn.bdg.registry.unit.UnitRepository;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.Bodies;
import vn.bdg.registry.web.ETags;
import vn.bdg.registry.web.Params;
import vn.bdg.registry.text.VietnameseText;
import vn.bdg.registry.web.Validator;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Client/server IO for public keys, participants' cards and badges. */
public final class CardController {
    record RevokeRequest(String reason) {
    }

    private final CardService cards;
    private final SigningKeys keys;
    private final UnitRepository units;

    public CardController(CardService cards, SigningKeys keys, UnitRepository units) {
        this.cards = cards;
        this.keys = keys;
        this.units = units;
    }

    /** The JWK set of every live public key (or one province's), for offline verification. */
    public void publicKeys(Context ctx) {
        List<Map<String, Object>> jwks = keys.published(Params.query(ctx, "province")).stream()
                .map(SigningKeys::publicJwk).toList();
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.json(Map.of("keys", jwks));
    }

    /**
     * The digests of the revoked cards of the caller's province, for the phone's offline kit; a
     * download that changed nothing costs a 304, as a roster's.
     */
    public void revokedCardDigests(Context ctx) {
        ETags.answerCached(ctx, cards.revokedCardDigestsOfProvince(AccessManager.caller(ctx)));
    }

    public void rotateKey(Context ctx) {
        SigningKeys.Key key = cards.rotateKey(provinceWideAdmin(ctx));
        ctx.status(201).json(SigningKeys.publicJwk(key));
    }

    public void retireKey(Context ctx) {
        if (!keys.retire(provinceWideAdmin(ctx), ctx.pathParam("kid"))) {
            throw ApiException.notFound();
        }
        ctx.status(204);
    }

    /**
     * The province's keys sign every unit's cards and certificates (retiring one voids them all):
     * an admin scoped to a district or commune may not change them (403).
     */
    private static Caller provinceWideAdmin(Context ctx) {
        Caller caller = AccessManager.caller(ctx);
        if (!caller.provinceWide()) {
            throw ApiException.forbidden();
        }
        return caller;
    }

    public void card(Context ctx) {
        ctx.json(cards.card(AccessManager.caller(ctx), Params.pathId(ctx, "id")));
    }

    public void revokeCard(Context ctx) {
        RevokeRequest req = Bodies.read(ctx, RevokeRequest.class);
        String reason = VietnameseText.cleanLines(req.reason()); // NFC, counted and stored like names, lines kept
        new Validator().require("reason", reason).maxLength("reason", reason, 500).validate();
        ctx.json(cards.revokeAndReissue(AccessManager.caller(ctx), Params.pathId(ctx, "id"), reason));
    }

    public void badge(Context ctx) {
        Caller caller = AccessManager.caller(ctx);
        UUID id = Params.pathId(ctx, "id");
        CardRepository.Holder holder = cards.holder(caller, id);
        CardService.Card card = cards.card(caller, id);
        String unitName = holder.unitCode() == null ? null
                : units.find(holder.unitCode()).map(AdminUnit::name).orElse(holder.unitCode());
        ctx.contentType("image/png").result(BadgeImage.png(holder.fullName(), unitName,
                "Thẻ học viên · phiên bản " + card.version(), card.token()));
    }
}
