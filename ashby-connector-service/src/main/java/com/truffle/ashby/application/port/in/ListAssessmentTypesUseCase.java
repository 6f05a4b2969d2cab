package com.truffle.ashby.application.port.in;

import java.util.List;

import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.Position.AssessmentType;
import io.smallrye.mutiny.Uni;

/** assessment.list: the company's open positions, as Ashby assessment types. */
public interface ListAssessmentTypesUseCase {

    Uni<List<AssessmentType>> assessmentTypes(CompanyId companyId);
}
