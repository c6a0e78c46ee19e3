/** Routes of the web app (TanStack Router, code-based). */
import { createRootRoute, createRoute, createRouter, Outlet } from '@tanstack/react-router';
import { Layout } from './components/Layout';
import { Page } from './components/Page';
import { ClaimPage, ClaimsPage } from './pages/claims/ClaimsPage';
import { FinancePage } from './pages/finance/FinancePage';
import { InterceptPage } from './pages/intercept/InterceptPage';
import { NoticePage } from './pages/intercept/Notices';
import { LienPage, LiensPage } from './pages/liens/LiensPage';
import { PayoffDemandPage, PayoffsPage } from './pages/liens/PayoffsPage';
import { AuditPage } from './pages/platform/AuditPage';
import { HomePage } from './pages/platform/HomePage';
import { JobsPage } from './pages/platform/JobsPage';
import { SearchPage } from './pages/platform/SearchPage';
import { SignInPage } from './pages/platform/SignInPage';
import { CaseDetailPage } from './pages/registry/CaseDetailPage';
import { CasesPage } from './pages/registry/CasesPage';
import { OrderPage, PersonPage } from './pages/registry/PersonPage';
import { AssignmentPage, TrainingPage } from './pages/training/TrainingPage';
import { CoursePage } from './pages/training/CourseEditor';
import { LrsClientsPage } from './pages/training/LrsClientsPage';
import { LtiPlatformsPage } from './pages/training/LtiPlatformsPage';
import { PlanPage } from './pages/plan/PlanPage';
import { PublicPlanPage } from './pages/plan/PublicPlanPage';
import { SurveyPage } from './pages/trauma/SurveyPage';
import { TraumaPage } from './pages/trauma/TraumaPage';
import { PortalFrame } from './pages/portal/PortalFrame';
import { PortalSignInPage, PortalSignUpPage } from './pages/portal/PortalSignIn';
import { PortalHomePage } from './pages/portal/PortalHome';
import { PortalCasePage } from './pages/portal/PortalCase';
import { PortalHelpPage } from './pages/portal/PortalHelp';
import { ParentRequestsPage } from './pages/portal/ParentRequestsPage';

const rootRoute = createRootRoute({ component: Outlet, notFoundComponent: () => <Page title="Page not found" intro="There is no page at this address." /> });
const signInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-in', component: SignInPage });
/** The anonymous survey: no sign-in and no app frame; the link's token is in the address's fragment. */
const surveyRoute = createRoute({ getParentRoute: () => rootRoute, path: '/survey', component: SurveyPage });
/** The public strategic plan progress page: no sign-in. */
const publicPlanRoute = createRoute({ getParentRoute: () => rootRoute, path: '/strategic-plan', component: PublicPlanPage });
const appRoute = createRoute({ getParentRoute: () => rootRoute, id: 'app', component: Layout });
/** The parents' portal: its own frame, in English and Spanish. */
const portalRoute = createRoute({ getParentRoute: () => rootRoute, path: '/portal', component: PortalFrame });
const portalHomeRoute = createRoute({ getParentRoute: () => portalRoute, path: '/', component: PortalHomePage });
const portalSignInRoute = createRoute({ getParentRoute: () => portalRoute, path: '/sign-in', component: PortalSignInPage });
const portalSignUpRoute = createRoute({ getParentRoute: () => portalRoute, path: '/sign-up', component: PortalSignUpPage });
const portalHelpRoute = createRoute({ getParentRoute: () => portalRoute, path: '/help', component: PortalHelpPage });
const portalCaseRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/cases/$caseId',
  component: function PortalCaseRoute() {
    const { caseId } = portalCaseRoute.useParams();
    return <PortalCasePage caseId={caseId} />;
  },
});
const parentRequestsRoute = createRoute({ getParentRoute: () => appRoute, path: '/parent-requests', component: ParentRequestsPage });
const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage });
const casesRoute = createRoute({ getParentRoute: () => appRoute, path: '/cases', component: CasesPage });
const caseRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cases/$caseId',
  component: function CaseRoute() {
    const { caseId } = caseRoute.useParams();
    return <CaseDetailPage caseId={caseId} />;
  },
});
const orderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cases/$caseId/orders/$orderId',
  component: function OrderRoute() {
    const { caseId, orderId } = orderRoute.useParams();
    return <OrderPage caseId={caseId} orderId={orderId} />;
  },
});
const personRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/people/$personId',
  component: function PersonRoute() {
    const { personId } = personRoute.useParams();
    return <PersonPage personId={personId} />;
  },
});
const searchRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/search',
  // The router reads ?q=1234 as a number: any scalar is taken as the text typed.
  validateSearch: (search: Record<string, unknown>): { q: string } => ({
    q: typeof search.q === 'string' || typeof search.q === 'number' ? String(search.q).slice(0, 100) : '',
  }),
  component: function SearchRoute() {
    const { q } = searchRoute.useSearch();
    return <SearchPage q={q} />;
  },
});
const jobsRoute = createRoute({ getParentRoute: () => appRoute, path: '/jobs', component: JobsPage });
const auditRoute = createRoute({ getParentRoute: () => appRoute, path: '/audit', component: AuditPage });
const financeRoute = createRoute({ getParentRoute: () => appRoute, path: '/finance', component: FinancePage });
const interceptRoute = createRoute({ getParentRoute: () => appRoute, path: '/intercept', component: InterceptPage });
const noticeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/intercept/notices/$noticeId',
  component: function NoticeRoute() {
    const { noticeId } = noticeRoute.useParams();
    return <NoticePage noticeId={noticeId} />;
  },
});
const liensRoute = createRoute({ getParentRoute: () => appRoute, path: '/liens', component: LiensPage });
const lienRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/liens/$lienId',
  component: function LienRoute() {
    const { lienId } = lienRoute.useParams();
    return <LienPage lienId={lienId} />;
  },
});
const payoffsRoute = createRoute({ getParentRoute: () => appRoute, path: '/payoffs', component: PayoffsPage });
const payoffRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/payoffs/$demandId',
  component: function PayoffRoute() {
    const { demandId } = payoffRoute.useParams();
    return <PayoffDemandPage demandId={demandId} />;
  },
});
const claimsRoute = createRoute({ getParentRoute: () => appRoute, path: '/claims', component: ClaimsPage });
const claimRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/claims/$claimId',
  component: function ClaimRoute() {
    const { claimId } = claimRoute.useParams();
    return <ClaimPage claimId={claimId} />;
  },
});
const trainingRoute = createRoute({ getParentRoute: () => appRoute, path: '/training', component: TrainingPage });
const lrsClientsRoute = createRoute({ getParentRoute: () => appRoute, path: '/training/lrs-clients', component: LrsClientsPage });
const ltiPlatformsRoute = createRoute({ getParentRoute: () => appRoute, path: '/training/lti-platforms', component: LtiPlatformsPage });
const assignmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/training/assignments/$assignmentId',
  component: function AssignmentRoute() {
    const { assignmentId } = assignmentRoute.useParams();
    return <AssignmentPage assignmentId={assignmentId} />;
  },
});
const courseRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/training/courses/$courseId',
  component: function CourseRoute() {
    const { courseId } = courseRoute.useParams();
    return <CoursePage courseId={courseId} />;
  },
});
const traumaRoute = createRoute({ getParentRoute: () => appRoute, path: '/trauma', component: TraumaPage });
const planRoute = createRoute({ getParentRoute: () => appRoute, path: '/plan', component: PlanPage });
const routeTree = rootRoute.addChildren([
  signInRoute,
  surveyRoute,
  publicPlanRoute,
  portalRoute.addChildren([portalHomeRoute, portalSignInRoute, portalSignUpRoute, portalHelpRoute, portalCaseRoute]),
  appRoute.addChildren([
    parentRequestsRoute,
    homeRoute,
    casesRoute,
    caseRoute,
    orderRoute,
    personRoute,
    searchRoute,
    jobsRoute,
    auditRoute,
    financeRoute,
    interceptRoute,
    noticeRoute,
    liensRoute,
    lienRoute,
    payoffsRoute,
    payoffRoute,
    claimsRoute,
    claimRoute,
    trainingRoute,
    lrsClientsRoute,
    ltiPlatformsRoute,
    assignmentRoute,
    courseRoute,
    traumaRoute,
    planRoute,
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: false });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
