package com.truffle.screening.adapter.in.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

import com.truffle.screening.adapter.in.web.ScreeningPageViews.Invitation;
import com.truffle.screening.adapter.in.web.ScreeningPageViews.QuestionField;
import com.truffle.screening.application.port.in.TakeScreeningUseCase;
import com.truffle.screening.application.port.in.TakeScreeningUseCase.ScreenerView;
import com.truffle.screening.application.port.in.TakeScreeningUseCase.SubmitAnswersCommand;
import com.truffle.screening.domain.Answer;
import com.truffle.screening.domain.Question;
import com.truffle.screening.domain.ScreeningRuleViolation;
import com.truffle.screening.domain.ScreeningStatus;
import com.truffle.platform.web.page.Html;
import com.truffle.platform.web.page.Page;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The candidate's screener, the page the invitation mail links to: the job and a welcome, Start, the questions
 * and Submit, then thanks. The link's token is the only credential (as for the JSON on the same routes: a browser
 * asks for text/html and posts url-encoded forms). Expired, cancelled, completed and unknown links each get a
 * page of their own with the right status.
 */
@Path("/screener/{token}")
@PermitAll
public class ScreenerPage {

    /** A field per question: {@code answer-<question id>}. */
    static final String ANSWER = "answer-";
    static final String PAGE = "text/html;qs=0.5";
    /** The form field saying which step a post is: {@code start} or {@code submit}. */
    static final String STEP = "step";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance welcome(Page page, Invitation invitation, String token);

        static native TemplateInstance questions(Page page, Invitation invitation, String token, List<QuestionField> questions,
                String error);

        static native TemplateInstance thanks(Page page, Invitation invitation);

        static native TemplateInstance closed(Page page, String title, String message);
    }

    @Inject
    TakeScreeningUseCase screener;

    /** The page only for a browser that asks for HTML: a client accepting anything gets the JSON (qs below 1). */
    @GET
    @Produces(PAGE)
    public Uni<RestResponse<String>> show(@RestPath String token) {
        return screener.view(token).chain(view -> {
            Invitation invitation = Invitation.of(view);
            ScreeningStatus status = view.screening().status();
            if (view.expired() || status == ScreeningStatus.CANCELLED || status == ScreeningStatus.COMPLETED) {
                return closed(view);
            }
            if (status == ScreeningStatus.INVITED) {
                return Templates.welcome(Page.anonymous(), invitation, token).createUni().map(Html::ok);
            }
            return Templates.questions(Page.anonymous(), invitation, token, QuestionField.of(view.screening().questions(), Map.of()),
                    null).createUni().map(Html::ok);
        });
    }

    /**
     * The page's forms post here (Start, then Submit with the answers): a route of its own, so the JSON API's
     * {@code /start} and {@code /submit} answer exactly as before, whatever a client sends.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<RestResponse<String>> act(@RestPath String token, MultivaluedMap<String, String> form) {
        String step = form.getFirst(STEP);
        if ("start".equals(step)) {
            return screener.start(token).map(s -> Html.seeOther("/screener/" + token));
        }
        if ("submit".equals(step)) {
            return submit(token, form);
        }
        // back to the page; a link that cannot be ours is "no such screening" before it goes into a Location header
        return screener.view(token).map(view -> Html.seeOther("/screener/" + token));
    }

    private Uni<RestResponse<String>> submit(String token, MultivaluedMap<String, String> form) {
        return screener.view(token).chain(view -> {
            List<Answer> answers = new ArrayList<>();
            Map<String, String> given = new java.util.HashMap<>();
            for (Question q : view.screening().questions()) {
                String text = form.getFirst(ANSWER + q.id());
                given.put(q.id().toString(), text == null ? "" : text);
                answers.add(new Answer(q.id(), text == null ? "" : text.strip()));
            }
            return screener.submit(new SubmitAnswersCommand(token, answers))
                    .chain(done -> Templates.thanks(Page.anonymous(), Invitation.of(view)).createUni().map(Html::ok))
                    .onFailure(ScreeningRuleViolation.class).recoverWithUni(e -> {
                        if (((ScreeningRuleViolation) e).rule() != ScreeningRuleViolation.Rule.INVALID_INPUT) {
                            return Uni.createFrom().failure(e);
                        }
                        return Templates.questions(Page.anonymous(), Invitation.of(view), token,
                                QuestionField.of(view.screening().questions(), given), "Please answer every question before you submit.")
                                .createUni().map(html -> Html.status(422, html));
                    });
        });
    }

    /** A link that no longer leads anywhere: a friendly page, never a JSON error. */
    @ServerExceptionMapper
    Uni<RestResponse<String>> refused(ScreeningRuleViolation e) {
        return switch (e.rule()) {
            case SCREENING_COMPLETED -> page(409, "You have already completed this screening", "Thank you! Your answers were sent to the company.");
            case SCREENING_CANCELLED -> page(410, "This screening is no longer available", "The company has closed this screening. There is nothing more to do.");
            case SCREENING_EXPIRED -> page(410, "This screening link has expired", "Ask the company that invited you for a new invitation.");
            case SCREENING_NOT_STARTED -> page(409, "Start the screening first", "Open the link from your invitation again and choose Start.");
            default -> page(404, "This link is not valid", "Check that you opened the whole link from your invitation email. A newer invitation replaces older links.");
        };
    }

    private Uni<RestResponse<String>> closed(ScreenerView view) {
        ScreeningStatus status = view.screening().status();
        String company = view.companyName() == null ? "the company" : view.companyName();
        if (status == ScreeningStatus.COMPLETED) {
            return page(409, "You have already completed this screening", "Thank you! Your answers were sent to " + company + ".");
        }
        if (status == ScreeningStatus.CANCELLED) {
            return page(410, "This screening is no longer available", company + " has closed this screening. There is nothing more to do.");
        }
        return page(410, "This screening link has expired", "Ask " + company + " for a new invitation.");
    }

    private static Uni<RestResponse<String>> page(int status, String title, String message) {
        return Templates.closed(Page.anonymous(), title, message).createUni().map(html -> Html.status(status, html));
    }
}
