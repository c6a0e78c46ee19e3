/** Routes of the web app (TanStack Router, code-based). */
import { createRootRoute, createRoute, createRouter, Outlet } from '@tanstack/react-router';
import { lazy, Suspense, type LazyExoticComponent } from 'react';
import { Layout } from './components/Layout';
import { Loading, Page } from './components/Page';
import { PortalFrame } from './pages/portal/PortalFrame';
import { PortalSignInPage, PortalSignUpPage } from './pages/portal/PortalSignIn';
import { PortalHomePage } from './pages/portal/PortalHome';
import { PortalCasePage } from './pages/portal/PortalCase';
import { PortalHelpPage } from './pages/portal/PortalHelp';
import { PortalSurveyPage } from './pages/portal/PortalSurvey';

/**
 * Every page but the parents' portal is loaded when first opened: a parent on a slow phone downloads the
 * portal and the shared core, never staff's pages (bench/portal-load.bench.ts measures it).
 */
type PageComponent = Parameters<typeof lazy>[0] extends () => Promise<{ default: infer C }> ? C : never;
function lazyPage<M extends Record<K, PageComponent>, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] }));
}
const ClaimPage = lazyPage(() => import('./pages/claims/ClaimsPage'), 'ClaimPage');
const ClaimsPage = lazyPage(() => import('./pages/claims/ClaimsPage'), 'ClaimsPage');
const FinancePage = lazyPage(() => import('./pages/finance/FinancePage'), 'FinancePage');
const InterceptPage = lazyPage(() => import('./pages/intercept/InterceptPage'), 'InterceptPage');
const NoticePage = lazyPage(() => import('./pages/intercept/Notices'), 'NoticePage');
const LienPage = lazyPage(() => import('./pages/liens/LiensPage'), 'LienPage');
const LiensPage = lazyPage(() => import('./pages/liens/LiensPage'), 'LiensPage');
const PayoffDemandPage = lazyPage(() => import('./pages/liens/PayoffsPage'), 'PayoffDemandPage');
const PayoffsPage = lazyPage(() => import('./pages/liens/PayoffsPage'), 'PayoffsPage');
const AuditPage = lazyPage(() => import('./pages/platform/AuditPage'), 'AuditPage');
const HomePage = lazyPage(() => import('./pages/platform/HomePage'), 'HomePage');
const JobsPage = lazyPage(() => import('./pages/platform/JobsPage'), 'JobsPage');
const SearchPage = lazyPage(() => import('./pages/platform/SearchPage'), 'SearchPage');
const SignInPage = lazyPage(() => import('./pages/platform/SignInPage'), 'SignInPage');
const CaseDetailPage = lazyPage(() => import('./pages/registry/CaseDetailPage'), 'CaseDetailPage');
const CasesPage = lazyPage(() => import('./pages/registry/CasesPage'), 'CasesPage');
const OrderPage = lazyPage(() => import('./pages/registry/PersonPage'), 'OrderPage');
const PersonPage = lazyPage(() => import('./pages/registry/PersonPage'), 'PersonPage');
const AssignmentPage = lazyPage(() => import('./pages/training/TrainingPage'), 'AssignmentPage');
const TrainingPage = lazyPage(() => import('./pages/training/TrainingPage'), 'TrainingPage');
const CoursePage = lazyPage(() => import('./pages/training/CourseEditor'), 'CoursePage');
const LrsClientsPage = lazyPage(() => import('./pages/training/LrsClientsPage'), 'LrsClientsPage');
const LtiPlatformsPage = lazyPage(() => import('./pages/training/LtiPlatformsPage'), 'LtiPlatformsPage');
const PlanPage = lazyPage(() => import('./pages/plan/PlanPage'), 'PlanPage');
const PublicPlanPage = lazyPage(() => import('./pages/plan/PublicPlanPage'), 'PublicPlanPage');
const SurveyPage = lazyPage(() => import('./pages/trauma/SurveyPage'), 'SurveyPage');
const TraumaPage = lazyPage(() => import('./pages/trauma/TraumaPage'), 'TraumaPage');
const ParentRequestsPage = lazyPage(() => import('./pages/portal/ParentRequestsPage'), 'ParentRequestsPage');

const rootRoute = createRootRoute({
  component: () => (
    <Suspense fallback={<Loading what="the page" />}>
      <Outlet />
    </Suspense>
  ),
  notFoundComponent: () => <Page title="Page not found" intro="There is no page at this address." />,
});
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
const portalSurveyRoute = createRoute({ getParentRoute: () => portalRoute, path: '/survey', component: PortalSurveyPage });
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
  portalRoute.addChildren([portalHomeRoute, portalSignInRoute, portalSignUpRoute, portalHelpRoute, portalSurveyRoute, portalCaseRoute]),
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
