package vn.bdg.registry;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.security.RouteRole;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import vn.bdg.registry.attendance.AttendanceController;
import vn.bdg.registry.attendance.AttendanceService;
import vn.bdg.registry.attendance.CheckInService;
import vn.bdg.registry.attendance.LiveScans;
import vn.bdg.registry.attendance.WalkInService;
import vn.bdg.registry.audit.AuditController;
import vn.bdg.registry.audit.AuditLog;
import vn.bdg.registry.auth.AccessManager;
import vn.bdg.registry.auth.AuthController;
import vn.bdg.registry.auth.AuthService;
import vn.bdg.registry.auth.LoginThrottle;
import vn.bdg.registry.auth.PasswordHasher;
import vn.bdg.registry.card.CardController;
import vn.bdg.registry.card.CardService;
import vn.bdg.registry.card.SigningKeys;
import vn.bdg.registry.catalog.CatalogController;
import vn.bdg.registry.certificate.CertificateController;
import vn.bdg.registry.certificate.CertificateService;
import vn.bdg.registry.certificate.PublicController;
import vn.bdg.registry.certificate.SelfService;
import vn.bdg.registry.catalog.Catalogs;
import vn.bdg.registry.course.CourseController;
import vn.bdg.registry.course.CourseRepository;
import vn.bdg.registry.enrollment.EnrollmentController;
import vn.bdg.registry.enrollment.EnrollmentRepository;
import vn.bdg.registry.enrollment.EnrollmentService;
import vn.bdg.registry.enrollment.TrainerRepository;
import vn.bdg.registry.enrollment.TrainerService;
import vn.bdg.registry.organization.OrganizationController;
import vn.bdg.registry.organization.OrganizationRepository;
import vn.bdg.registry.organization.OrganizationService;
import vn.bdg.registry.participant.ParticipantController;
import vn.bdg.registry.participant.ParticipantErasure;
import vn.bdg.registry.participant.ParticipantRegistry;
import vn.bdg.registry.report.PlanController;
import vn.bdg.registry.report.PlanService;
import vn.bdg.registry.report.ReportController;
import vn.bdg.registry.report.ReportService;
import vn.bdg.registry.report.SubmissionController;
import vn.bdg.registry.report.SubmissionService;
import vn.bdg.registry.unit.UnitController;
import vn.bdg.registry.unit.UnitRepository;
import vn.bdg.registry.user.UserController;
import vn.bdg.registry.user.UserRepository;
import vn.bdg.registry.user.UserService;
import vn.bdg.registry.web.ClientAddress;
import vn.bdg.registry.web.ClientRateLimiter;
import vn.bdg.registry.web.BadMessages;
import vn.bdg.registry.web.BinaryAnswers;
import vn.bdg.registry.web.BodyLength;
import vn.bdg.registry.web.DotSegments;
import vn.bdg.registry.web.ErrorHandlers;
import vn.bdg.registry.web.Json;
import vn.bdg.registry.web.Params;
import vn.bdg.registry.web.RequestIds;
import vn.bdg.registry.web.RequestMetrics;
import vn.bdg.registry.web.ServiceController;
import vn.bdg.registry.web.Turns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.javalin.apibuilder.ApiBuilder.before;
import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;
import static vn.bdg.registry.auth.Role.ANY;
import static vn.bdg.registry.auth.Role.Access.PUBLIC;
import static vn.bdg.registry.auth.Role.MANAGERS;
import static vn.bdg.registry.auth.Role.READERS;
import static vn.bdg.registry.auth.Role.SCANNERS;
import static vn.bdg.registry.auth.Role.admin;
import static vn.bdg.registry.auth.Role.reporter;

/** Composition root: builds every service from the database and config, and the route tree. */
public final class App {
    private static final org.slf4j.Logger REQUESTS = org.slf4j.LoggerFactory.getLogger("requests");
    /**
     * At SIGTERM, requests in flight (an upload of 10,000 scans: 2.5 s on 2 cores) are finished for up
     * to this long, within the 10 s docker stop waits, before the database is closed under them.
     */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(8);

    /** The files of the Swagger UI package that /docs (src/main/resources/docs/index.html) loads. */
    private static final Set<String> DOCS_ASSETS = Set.of("/docs/assets/swagger-ui.css",
            "/docs/assets/swagger-ui-bundle.js");

    private App() {
    }

    public static Javalin create(Config config, Database database) {
        var dsl = database.dsl();
        var audit = new AuditLog();
        var units = new UnitRepository(dsl);
        var users = new UserRepository(dsl);
        var hasher = new PasswordHasher();
        var core = new Core(config, dsl, audit, units, new Catalogs(dsl), new OrganizationRepository(dsl), users);

        var auth = new AuthService(dsl, users, units, hasher, new LoginThrottle(5, 30, Duration.ofMinutes(15)),
                audit, config.accessTokenTtl(), config.refreshTokenTtl());
        var access = new AccessManager(auth);
        var authCtl = new AuthController(auth);
        var userCtl = new UserController(users, new UserService(dsl, users, units, hasher, audit, auth));
        var unitCtl = new UnitController(units);
        var catalogCtl = new CatalogController(core.catalogs());
        var orgCtl = new OrganizationController(core.organizations(),
                new OrganizationService(dsl, core.organizations(), units, audit));
        var auditCtl = new AuditController(dsl, audit);
        var plans = new PlanService(dsl, core.catalogs(), audit);
        var courseCtl = new CourseController(core, plans);
        var courseRepository = new CourseRepository(dsl);
        var enrollments = new EnrollmentService(core, courseRepository, new EnrollmentRepository(dsl));
        var enrollmentCtl = new EnrollmentController(enrollments,
                new TrainerService(dsl, courseRepository, new TrainerRepository(dsl), units, audit));
        var participants = new ParticipantRegistry(core);
        var keys = new SigningKeys(dsl);
        var cards = new CardService(dsl, keys, audit);
        var cardCtl = new CardController(cards, keys, units);
        var checkIns = new CheckInService(dsl, cards, config.clockSkewTolerance());
        var attendance = new AttendanceService(dsl, cards, audit, config.clockSkewTolerance().toSeconds());
        var attendanceCtl = new AttendanceController(checkIns, attendance, cards, units,
                new WalkInService(dsl, checkIns, attendance, participants, enrollments, config.clockSkewTolerance()),
                new Turns(config.scanConcurrency(), config.scanWait()),
                new LiveScans(checkIns, config.livePasses(), config.scanWait()));
        var certificates = new CertificateService(dsl, attendance, keys, audit, config.publicBaseUrl());
        keys.onRetirement(certificates::signAgain);
        var certificateCtl = new CertificateController(certificates);
        var participantCtl = new ParticipantController(participants, new ParticipantErasure(core, cards, certificates));
        var publicCtl = new PublicController(certificates, new SelfService(cards, attendance, certificates));
        var publicLimiter = new ClientRateLimiter(config.publicRequestsPerMinute());
        var reports = new ReportService(dsl, core.catalogs(), audit);
        var reportCtl = new ReportController(reports);
        var submissionCtl = new SubmissionController(new SubmissionService(dsl, reports, audit));
        var planCtl = new PlanController(plans);

        var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        var service = new ServiceController(database, metrics);
        var requestMetrics = new RequestMetrics(metrics);

        var clientAddress = new ClientAddress(config.trustedProxies());
        List<HandlerMetaInfo> getRoutes = new ArrayList<>();
        Javalin app = Javalin.create(cfg -> {
            cfg.events.handlerAdded(route -> {
                if (route.getHttpMethod() == HandlerType.GET) {
                    getRoutes.add(route);
                }
            });
            cfg.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            cfg.http.maxRequestSize = config.maxRequestBytes();
            cfg.http.defaultContentType = "application/json";
            // per-client limits see the client behind a trusted reverse proxy, not the proxy
            // (an IPv6 client is its /64 network)
            cfg.contextResolver.ip = ctx -> clientAddress.client(ctx.req().getRemoteAddr(),
                    java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
            cfg.jetty.modifyServer(server -> new JettyServerThreadPoolMetrics(server.getThreadPool(), Tags.empty())
                    .bindTo(metrics));
            // requests Jetty refuses before any route (a path with %00, an overlong URI) are problems too
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new BadMessages()));
            // ahead of Javalin, whose file lookup fails on a path like /scan/%2e%2e before any handler runs
            cfg.jetty.modifyServletContextHandler(handler -> handler.addFilter(
                    new org.eclipse.jetty.servlet.FilterHolder(new DotSegments()), "/*",
                    java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST)));
            // One line and one timing per request with the route template, never the raw path: paths
            // can hold card tokens and ids, and query strings search terms (names, phones).
            cfg.requestLogger.http((ctx, ms) -> {
                String route = ctx.handlerType() == HandlerType.BEFORE ? "(no route)"
                        : ctx.endpointHandlerPath();
                REQUESTS.info("{} {} {} {}ms", ctx.method(), route, ctx.statusCode(), Math.round(ms));
                RequestIds.end();
                requestMetrics.record(ctx.method().name(), route, ctx.statusCode(), ms);
            });
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/docs/assets";
                sf.directory = "/META-INF/resources/webjars/swagger-ui/5.18.2";
                sf.location = Location.CLASSPATH;
                sf.headers = Map.of("X-Content-Type-Options", "nosniff");
                // the files /docs loads only: the package's own pages (a demo index.html that renders
                // the Petstore's API description, fetched from petstore.swagger.io, on this origin)
                // are no part of it
                sf.skipFileFunction = req -> !DOCS_ASSETS.contains(req.getRequestURI());
            });
            // the pages of src/main/web, built into the jar at mvn package: public files, the data
            // they show comes from the API with the user's token
            webPage(cfg, "/scan");
            webPage(cfg, "/reports");
            cfg.router.apiBuilder(() -> {
                before(RequestIds::start);
                get("/health", service::health, PUBLIC);
                get("/ready", service::ready, PUBLIC);
                if (config.metricsPublic()) {
                    get("/metrics", service::metrics, PUBLIC);
                } else {
                    get("/metrics", service::metrics, admin);
                }
                get("/api-docs/openapi.yaml", service::openApi, PUBLIC);
                get("/docs", service::docs, PUBLIC);
                before("/verify/*", publicLimiter::check);
                get("/verify/{number}", publicCtl::page, PUBLIC);
                before("/card/*", publicLimiter::check);
                get("/card/{cardToken}", publicCtl::cardPage, PUBLIC);

                path("/api/v1", () -> {
                    post("auth/login", authCtl::login, PUBLIC);
                    post("auth/refresh", authCtl::refresh, PUBLIC);
                    post("auth/logout", authCtl::logout, ANY);
                    get("me", userCtl::me, ANY);
                    post("me/password", authCtl::changePassword, ANY);
                    get("users", userCtl::list, MANAGERS);
                    post("users", userCtl::create, admin);
                    get("users/{id}", userCtl::get, MANAGERS);
                    patch("users/{id}", userCtl::update, admin);
                    post("users/{id}/password", userCtl::resetPassword, admin);

                    get("admin-units", unitCtl::list, ANY);
                    get("admin-units/{code}", unitCtl::get, ANY);
                    get("catalogs/{catalog}", catalogCtl::get, ANY);
                    get("organizations", orgCtl::list, ANY);
                    post("organizations", orgCtl::create, MANAGERS);
                    get("audit-log", auditCtl::list, admin);

                    get("courses", courseCtl::list, ANY);
                    post("courses", courseCtl::create, MANAGERS);
                    get("courses/{id}", courseCtl::get, ANY);
                    patch("courses/{id}", courseCtl::update, MANAGERS);
                    get("courses/{id}/sessions", courseCtl::listSessions, ANY);
                    post("courses/{id}/sessions", courseCtl::createSession, MANAGERS);
                    get("sessions/{id}", courseCtl::getSession, ANY);
                    patch("sessions/{id}", courseCtl::updateSession, MANAGERS);
                    delete("sessions/{id}", courseCtl::deleteSession, MANAGERS);

                    get("courses/{id}/enrollments", enrollmentCtl::list, ANY);
                    post("courses/{id}/enrollments", enrollmentCtl::create, MANAGERS);
                    post("courses/{id}/enrollments/{enrollmentId}/withdraw", enrollmentCtl::withdraw, MANAGERS);
                    get("courses/{id}/trainers", enrollmentCtl::listTrainers, MANAGERS);
                    post("courses/{id}/trainers", enrollmentCtl::assignTrainer, MANAGERS);
                    delete("courses/{id}/trainers/{userId}", enrollmentCtl::unassignTrainer, MANAGERS);

                    get("participants", participantCtl::list, READERS);
                    post("participants", participantCtl::create, MANAGERS);
                    post("participants/import", participantCtl::importFile, MANAGERS);
                    get("participants/{id}", participantCtl::get, READERS);
                    patch("participants/{id}", participantCtl::update, MANAGERS);
                    get("participants/{id}/duplicates", participantCtl::duplicates, MANAGERS);
                    post("participants/{id}/merge", participantCtl::merge, MANAGERS);
                    post("participants/{id}/erasure", participantCtl::erase, admin);

                    get("keys", cardCtl::publicKeys, PUBLIC);
                    post("keys/rotate", cardCtl::rotateKey, admin);
                    post("keys/{kid}/retire", cardCtl::retireKey, admin);
                    get("cards/revoked", cardCtl::revokedCardDigests, SCANNERS);
                    get("participants/{id}/card", cardCtl::card, MANAGERS);
                    post("participants/{id}/card/revoke", cardCtl::revokeCard, MANAGERS);
                    get("participants/{id}/badge.png", cardCtl::badge, MANAGERS);
                    get("courses/{id}/badges.pdf", attendanceCtl::badgesPdf, SCANNERS);

                    get("me/sessions", attendanceCtl::mySessions, SCANNERS);
                    get("sessions/{id}/roster", attendanceCtl::roster, SCANNERS);
                    post("sessions/{id}/check-ins", attendanceCtl::checkIn, SCANNERS);
                    post("check-ins/batch", attendanceCtl::batch, SCANNERS);
                    post("courses/{id}/walk-ins", attendanceCtl::walkIn, SCANNERS);
                    delete("check-ins/{id}", attendanceCtl::undo, SCANNERS);
                    get("courses/{id}/attendance", attendanceCtl::courseAttendance, ANY);
                    put("sessions/{id}/excused/{participantId}", attendanceCtl::excuse, MANAGERS);
                    delete("sessions/{id}/excused/{participantId}", attendanceCtl::unexcuse, MANAGERS);
                    get("sessions/{id}/sign-in-sheet.pdf", attendanceCtl::signInSheetPdf, SCANNERS);
                    get("sessions/{id}/sign-in-sheets", attendanceCtl::sheets, SCANNERS);
                    get("sessions/{id}/sign-in-sheets/{sheetId}", attendanceCtl::sheet, SCANNERS);
                    post("sessions/{id}/sign-in-sheets", attendanceCtl::attachSheet, MANAGERS);

                    // certificates; everything under public/ needs no login and is rate-limited per client
                    post("courses/{id}/certificates", certificateCtl::issue, MANAGERS);
                    post("courses/{id}/certificates/{participantId}", certificateCtl::issueOne, MANAGERS);
                    post("courses/{id}/certificates/{participantId}/withhold", certificateCtl::withhold, MANAGERS);
                    get("courses/{id}/certificates.zip", certificateCtl::zip, ANY);
                    get("courses/{id}/certificates.pdf", certificateCtl::mergedPdf, ANY);
                    get("certificates/{number}.pdf", certificateCtl::pdf, ANY);
                    get("certificates/{number}/badge.json", certificateCtl::badge, ANY);
                    get("certificates/{number}/badge.jwt", certificateCtl::signedBadge, ANY);
                    post("certificates/{number}/revoke", certificateCtl::revoke, MANAGERS);
                    before("public/*", publicLimiter::check);
                    get("public/certificates/revoked", publicCtl::revoked, PUBLIC);
                    get("public/certificates/{number}", publicCtl::certificate, PUBLIC);
                    get("public/certificates/status-list/{province}/{year}", publicCtl::statusList, PUBLIC);
                    post("public/credentials/verify", publicCtl::verifyCredential, PUBLIC);
                    get("public/cards/{cardToken}", publicCtl::card, PUBLIC);
                    get("public/cards/{cardToken}/certificates/{number}.pdf", publicCtl::cardCertificatePdf, PUBLIC);
                    get("public/cards/{cardToken}/certificates/{number}/badge.json", publicCtl::cardBadge, PUBLIC);
                    get("public/cards/{cardToken}/certificates/{number}/badge.jwt", publicCtl::cardSignedBadge, PUBLIC);

                    get("plans", planCtl::list, READERS);
                    post("plans", planCtl::create, MANAGERS);
                    get("plans/{id}", planCtl::get, READERS);
                    delete("plans/{id}", planCtl::delete, MANAGERS);
                    put("plans/{id}", planCtl::update, MANAGERS);
                    put("courses/{id}/plan-activity", planCtl::linkCourse, MANAGERS);
                    get("reports/indicators", reportCtl::indicators, READERS);
                    get("reports/indicators/{code}/records", reportCtl::records, READERS);
                    get("reports/dhis2/dataValueSets", reportCtl::dataValueSet, READERS);
                    get("reports/flags", reportCtl::flags, READERS);
                    get("reports/settings", reportCtl::settings, READERS);
                    put("reports/settings", reportCtl::saveSettings, admin);
                    get("reports/submissions", submissionCtl::list, READERS);
                    post("reports/submissions", submissionCtl::submit, admin, reporter);
                    get("reports/submissions/{id}", submissionCtl::get, READERS);
                    get("reports/submissions/{id}/diff", submissionCtl::diff, READERS);
                });
            });
        });
        // Every GET route answers HEAD as it answers GET, without the body (RFC 9110 asks it of every
        // server, and monitors and load balancers probe /health so). Javalin answers a HEAD of a GET
        // route by itself, without running it and without its roles, so the access check refused it.
        getRoutes.forEach(route -> app.head(route.getPath(), route.getHandler(),
                route.getRoles().toArray(RouteRole[]::new)));
        app.beforeMatched(BodyLength::requireContentLength);
        app.beforeMatched(access::check);
        app.beforeMatched(Params::refuseUnreadableQueries);
        app.after(BinaryAnswers::withoutCharset);
        ErrorHandlers.register(app);
        return app;
    }

    /** Serves the page built into the classpath's /web{hostedPath} (see src/main/web/build.mjs) at {hostedPath}/, to anyone. */
    private static void webPage(JavalinConfig cfg, String hostedPath) {
        cfg.staticFiles.add(sf -> {
            sf.hostedPath = hostedPath;
            sf.directory = "/web" + hostedPath;
            sf.location = Location.CLASSPATH;
            sf.roles = Set.of(PUBLIC);
            sf.mimeTypes.add("text/html; charset=utf-8", "html");
            sf.mimeTypes.add("text/javascript; charset=utf-8", "js");
            sf.mimeTypes.add("text/css; charset=utf-8", "css");
            sf.mimeTypes.add("application/manifest+json; charset=utf-8", "webmanifest");
            sf.mimeTypes.add("image/svg+xml", "svg");
            // The pages hold a bearer token: nothing but this server's own files may run or be
            // fetched, so that injected markup could neither load a script nor send the token away.
            sf.headers = Map.of(
                    "Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; "
                            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
                    "X-Content-Type-Options", "nosniff",
                    "Referrer-Policy", "same-origin");
        });
    }
}
