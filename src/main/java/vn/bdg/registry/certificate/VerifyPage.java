package vn.bdg.registry.certificate;

import vn.bdg.registry.print.CertificatePdf;
import vn.bdg.registry.web.Messages;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The page a certificate's QR code opens: one small, self-contained HTML document (no scripts, no
 * external resources) that reads well on a phone and with a screen reader, in Vietnamese or
 * English. Every text from the database is escaped.
 */
final class VerifyPage {
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String STYLE = """
            body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
            font-size:1.05rem;line-height:1.5;color:#1a1a1a;background:#fff}\
            main{max-width:40rem;margin:0 auto;padding:1rem 1.25rem 2rem}\
            h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}\
            .verdict{padding:.75rem 1rem;border:2px solid;border-radius:.4rem;font-weight:700}\
            .valid{color:#0b5d1e;background:#e8f5ec;border-color:#0b5d1e}\
            .revoked,.unknown{color:#8a1010;background:#fdecec;border-color:#8a1010}\
            dl{margin:0}dt{font-weight:700;margin-top:.6rem}dd{margin:0;overflow-wrap:anywhere}\
            .note{margin-top:2rem;font-size:.9rem;color:#333}\
            .mismatch{color:#8a1010;font-weight:700}label{display:block;font-weight:700;margin-bottom:.25rem}\
            input,button{font:inherit;padding:.4rem .6rem;margin:0 .5rem .5rem 0}\
            input{width:13ch;text-transform:uppercase;letter-spacing:.05em}""";

    private VerifyPage() {
    }

    /**
     * The page of a certificate, or of no certificate (c null). Unless the holder is confirmed, it
     * shows their initials and a form for the check code; codeGiven: one was given (and did not match).
     * A certificate whose holder's data was erased says so in place of any name, with no form.
     */
    static String render(Locale locale, String number, Certificate.Public c, boolean codeGiven) {
        StringBuilder body = new StringBuilder();
        if (c == null) {
            body.append("<p class=\"verdict unknown\" role=\"status\">✗ ").append(t(locale, "verify.unknown"))
                    .append("</p>");
        } else {
            boolean valid = "valid".equals(c.status());
            body.append("<p class=\"verdict ").append(valid ? "valid" : "revoked").append("\" role=\"status\">")
                    .append(valid ? "✓ " : "✗ ").append(t(locale, valid ? "verify.valid" : "verify.revoked"))
                    .append("</p>");
            body.append("<h2>").append(t(locale, "verify.details")).append("</h2><dl>");
            item(body, locale, "verify.number", c.number());
            if (c.holderErased()) {
                // no name, not even the placeholder's initials: the registry no longer knows who held it
                item(body, locale, "verify.holder", Messages.get(locale, "verify.holderErased"));
            } else {
                item(body, locale, c.holderConfirmed() ? "verify.holder" : "verify.holderInitials", c.holderName());
            }
            item(body, locale, "verify.course", c.courseTitle());
            item(body, locale, "verify.dates", c.startDate().equals(c.endDate()) ? date(locale, c.startDate())
                    : date(locale, c.startDate()) + " – " + date(locale, c.endDate()));
            if (c.hours() != null) {
                item(body, locale, "verify.hours", CertificatePdf.number(c.hours(), locale));
            }
            if (c.organizer() != null) {
                item(body, locale, "verify.organizer", c.organizer());
            }
            item(body, locale, "verify.issuedAt", date(locale, c.issuedAt()));
            if (!valid) {
                item(body, locale, "verify.revokedAt", date(locale, c.revokedAt()));
                if (c.revocationReason() != null) { // given with the check code only
                    item(body, locale, "verify.revocationReason", c.revocationReason());
                }
            }
            body.append("</dl>");
            if (!c.holderConfirmed() && !c.holderErased()) {
                codeForm(body, locale, number, codeGiven);
            }
        }
        body.append("<p class=\"note\">").append(t(locale, "verify.note")).append("</p>");
        String title = t(locale, "verify.title");
        return document(locale, title + " " + escape(number), title + " <span>" + escape(number) + "</span>",
                body.toString());
    }

    /** Asks for the code printed on the certificate, sent back to this page by GET (no script). */
    private static void codeForm(StringBuilder body, Locale locale, String number, boolean codeGiven) {
        body.append("<h2>").append(t(locale, "verify.fullNameTitle")).append("</h2>");
        if (codeGiven) {
            body.append("<p id=\"code-wrong\" class=\"mismatch\">").append(t(locale, "verify.codeWrong")).append("</p>");
        }
        body.append("<p id=\"code-help\">").append(t(locale, "verify.codeNeeded")).append("</p>")
                // relative: /verify/<number> wherever the service is mounted
                .append("<form method=\"get\" action=\"").append(escape(number)).append("\">")
                .append("<label for=\"code\">").append(t(locale, "verify.code")).append("</label>")
                .append("<input id=\"code\" name=\"code\" required maxlength=\"20\" autocomplete=\"off\"")
                .append(" autocapitalize=\"characters\" spellcheck=\"false\"")
                // a code that did not match is said with the field, where a screen reader comes back to it
                .append(codeGiven ? " aria-invalid=\"true\" aria-describedby=\"code-wrong code-help\">"
                        : " aria-describedby=\"code-help\">")
                .append("<button type=\"submit\">").append(t(locale, "verify.showName")).append("</button></form>");
    }

    /** A whole page: the escaped title, the heading (HTML) and the body (HTML). */
    static String document(Locale locale, String title, String heading, String body) {
        return "<!doctype html>\n<html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\">"
                + "<title>" + title + "</title><style>" + STYLE + "</style></head>"
                + "<body><main><h1>" + heading + "</h1>" + body + "</main></body></html>\n";
    }

    static void item(StringBuilder out, Locale locale, String label, String value) {
        out.append("<dt>").append(t(locale, label)).append("</dt><dd>").append(escape(value)).append("</dd>");
    }

    static String t(Locale locale, String key) {
        return escape(Messages.get(locale, key));
    }

    static String date(Locale locale, LocalDate d) {
        return d.format(DateTimeFormatter.ofPattern(
                "vi".equals(locale.getLanguage()) ? "dd/MM/yyyy" : "d MMMM yyyy", locale));
    }

    static String date(Locale locale, OffsetDateTime at) {
        return date(locale, at.atZoneSameInstant(VIETNAM).toLocalDate());
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
