package vn.bdg.registry.card;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.util.Base64URL;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import vn.bdg.registry.web.Json;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compact JWS (RFC 7515, alg EdDSA, RFC 8037) with Bouncy Castle's Ed25519, which verifies about
 * ten times faster than the JDK's (STACK.md): that decides how fast an offline batch is checked.
 * Nimbus does the JWS encoding and parsing.
 */
public final class Ed25519 {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ed25519() {
    }

    /** A new key pair: 32-byte private seed and 32-byte public key. */
    public static byte[][] newKeyPair() {
        Ed25519PrivateKeyParameters priv = new Ed25519PrivateKeyParameters(RANDOM);
        return new byte[][]{priv.getEncoded(), priv.generatePublicKey().getEncoded()};
    }

    public static String sign(String kid, byte[] privateKey, Map<String, Object> claims) {
        return sign(kid, null, privateKey, claims);
    }

    /** As {@link #sign(String, byte[], Map)}, with a {@code typ} header (e.g. {@code vc+jwt}) unless null. */
    public static String sign(String kid, String typ, byte[] privateKey, Map<String, Object> claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(kid)
                .type(typ == null ? null : new JOSEObjectType(typ)).build();
        Payload payload = new Payload(json(claims));
        String signingInput = header.toBase64URL() + "." + payload.toBase64URL();
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(privateKey, 0));
        byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
        signer.update(input, 0, input.length);
        return signingInput + "." + Base64URL.encode(signer.generateSignature());
    }

    /** The claims as JSON in the order they were put, for whoever reads them (Nimbus copies them into a HashMap). */
    private static String json(Map<String, Object> claims) {
        try {
            return Json.MAPPER.writeValueAsString(claims);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("claims that are not JSON", e);
        }
    }

    /**
     * A public key decoded once: decoding its curve point is about a tenth of each verification
     * (92 against 101 µs a signature here), so a key kept for many verifications keeps it decoded.
     */
    public static final class PublicKey {
        private final Ed25519PublicKeyParameters decoded;

        public PublicKey(byte[] encoded) {
            this.decoded = new Ed25519PublicKeyParameters(encoded, 0);
        }
    }

    /** A parsed token whose signature has not been checked yet. */
    public record Parsed(String kid, Map<String, Object> claims, byte[] signingInput, byte[] signature) {
        public boolean verifiesWith(PublicKey publicKey) {
            if (signature.length != 64) {
                return false;
            }
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, publicKey.decoded);
            verifier.update(signingInput, 0, signingInput.length);
            return verifier.verifySignature(signature);
        }
    }

    /**
     * The longest token parsed: a certificate's credential with the longest title, organiser and
     * name the registry accepts, all in Vietnamese (three bytes a letter, base64url on top), stays
     * under it; a card token is a small fraction of it.
     */
    public static final int MAX_TOKEN = 8192;

    /**
     * Spaces a reader may put around a token: every Unicode space and line break and the byte-order
     * mark, as JavaScript's trim() takes them off on the phone (Java's strip() leaves the no-break
     * space and the mark), so that a card valid offline is valid here.
     */
    private static final Pattern AROUND = Pattern.compile("^[\\s\\p{Z}\\uFEFF]+|[\\s\\p{Z}\\uFEFF]+$");

    /**
     * A compact JWS as RFC 7515 writes it: three parts of base64url without padding, none of a
     * length no encoding has (4n + 1). Nimbus would skip other characters while decoding, so a
     * signature padded with "==", in base64's "+/" or with a stray character inside would verify
     * here while the phone (verify.js) refuses it.
     */
    private static final Pattern COMPACT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    /** Parses a compact JWS with alg EdDSA and a kid; empty for anything else. */
    public static Optional<Parsed> parse(String token) {
        if (token == null || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        String compact = AROUND.matcher(token).replaceAll("");
        if (!COMPACT.matcher(compact).matches()
                || Arrays.stream(compact.split("\\.")).anyMatch(part -> part.length() % 4 == 1)) {
            return Optional.empty();
        }
        try {
            JWSObject jws = JWSObject.parse(compact);
            JWSHeader header = jws.getHeader();
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm()) || header.getKeyID() == null
                    || header.getCriticalParams() != null) {
                return Optional.empty();
            }
            Map<String, Object> claims = jws.getPayload().toJSONObject();
            if (claims == null) {
                return Optional.empty();
            }
            return Optional.of(new Parsed(header.getKeyID(), claims,
                    jws.getSigningInput(), jws.getSignature().decode()));
        } catch (ParseException | RuntimeException e) {
            // Nimbus throws more than ParseException at text that is JSON but no JWS header, e.g. a
            // NullPointerException at a header that is "null": still just not a token
            return Optional.empty();
        }
    }
}
