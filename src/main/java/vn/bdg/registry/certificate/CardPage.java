package vn.bdg.registry.certificate;

import vn.bdg.registry.web.Messages;

import java.util.Locale;

/**
 * The page a participant's card link opens (/card/{cardToken}): their courses, attendance and
 * certificates with links to the PDFs (and to the signed Open Badges of live ones), in the
 * verification page's small, script-free style.
 */
final class CardPage {
    private CardPage() {
    }

    static String render(Locale locale, SelfService.HolderView holder) {
        StringBuilder body = new StringBuilder();
        body.append("<h2>").append(VerifyPage.t(locale, "card.courses")).append("</h2>");
        if (holder.courses().isEmpty()) {
            body.append("<p>").append(VerifyPage.t(locale, "card.none")).append("</p>");
        }
        for (SelfService.CourseView c : holder.courses()) {
            body.append("<h3>").append(VerifyPage.escape(c.title())).append("</h3><dl>");
            VerifyPage.item(body, locale, "verify.dates", c.startDate().equals(c.endDate())
                    ? VerifyPage.date(locale, c.startDate())
                    : VerifyPage.date(locale, c.startDate()) + " – " + VerifyPage.date(locale, c.endDate()));
            SelfService.Attendance a = c.attendance();
            VerifyPage.item(body, locale, "card.attendance", a == null ? Messages.get(locale, "card.withdrawn")
                    : a.attended() + " / " + (a.sessions() - a.excused())
                            // in words too: a screen reader says a lone ✓ as "check mark"
                            + (a.completed() ? " ✓ " + Messages.get(locale, "card.completed") : ""));
            body.append("</dl>");
        }
        body.append("<h2>").append(VerifyPage.t(locale, "card.certificates")).append("</h2>");
        if (holder.certificates().isEmpty()) {
            body.append("<p>").append(VerifyPage.t(locale, "card.none")).append("</p>");
        } else {
            body.append("<ul>");
            for (SelfService.CertificateLink link : holder.certificates()) {
                body.append("<li><a href=\"").append(VerifyPage.escape(link.pdfUrl())).append("\">")
                        .append(VerifyPage.escape(link.number())).append("</a> — ")
                        .append(VerifyPage.escape(link.courseTitle()))
                        .append("valid".equals(link.status()) ? ""
                                : " (" + VerifyPage.t(locale, "verify.revoked") + ")");
                if (link.badgeUrl() != null) {
                    body.append(" · <a href=\"").append(VerifyPage.escape(link.badgeUrl())).append("\">")
                            .append(VerifyPage.t(locale, "card.badge")).append("</a>");
                }
                body.append("</li>");
            }
            body.append("</ul>");
        }
        String title = VerifyPage.t(locale, "card.title");
        return VerifyPage.document(locale, title, title + ": " + VerifyPage.escape(holder.fullName()),
                body.toString());
    }

    /** What an unknown, forged or revoked card link shows. */
    static String unknown(Locale locale) {
        String title = VerifyPage.t(locale, "card.title");
        return VerifyPage.document(locale, title, title, "<p class=\"verdict unknown\" role=\"status\">✗ "
                + VerifyPage.t(locale, "card.unknown") + "</p>");
    }
}
