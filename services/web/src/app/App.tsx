import { Component, lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { LocaleSync } from './LocaleSync';
import { Redirect, Route, Switch, useLocation, useSearch } from 'wouter';
import { I18nProvider, useI18n } from '../i18n/i18n';
import { Loading, Page } from '../ui/Page';
import { createClient, type LinkState } from './client';
import { LinkContext } from './link';
import { routeRefusal, type Refusal } from './routeAccess';
import { actingProvinceKind, resume, setProvince, switchableProvinces, useSession } from './session';
import { Shell } from './Shell';
import { BlockPagesScope } from '../features/block/BlockPagesScope';

/**
 * The page a load starts on is fetched at once, beside the session's resume (a refresh and a `me`), instead of
 * after it: on a phone at the conference the ballot's chunk is then ready when the session is.
 */
const startPage: Record<string, () => Promise<unknown>> = {
  ballot: () => import('../features/voting/BallotPage'),
  hall: () => import('../features/voting/HallPage'),
  results: () => import('../features/voting/ResultsPage'),
};
const startRoute = /^\/voting-periods\/[^/]+\/(ballot|hall|results)$/.exec(location.pathname)?.[1];
if (startRoute) void startPage[startRoute]?.();

const SignInPage = lazy(() => import('../features/user/SignInPage'));
/** Reached without signing in: a forgotten password, the emailed reset and invitation links. */
const AccountLinks = lazy(() => import('../features/user/AccountLinks'));
const ACCOUNT_LINKS = ['/forgot-password', '/reset-password', '/invitation'];
const AccountPage = lazy(() => import('../features/user/AccountPage'));
const UsersPage = lazy(() => import('../features/user/UsersPage'));
const HomePage = lazy(() => import('../features/user/HomePage'));
const VotingPeriodPage = lazy(() => import('../features/voting/VotingPeriodPage'));
const BallotPage = lazy(() => import('../features/voting/BallotPage'));
const HallPage = lazy(() => import('../features/voting/HallPage'));
const ResultsPage = lazy(() => import('../features/voting/ResultsPage'));
const InboxPage = lazy(() => import('../features/notification/InboxPage'));
const PreferencesPage = lazy(() => import('../features/notification/PreferencesPage'));
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage'));
const NominationPage = lazy(() => import('../features/awards/NominationPage'));
const AwardDecisionPage = lazy(() => import('../features/awards/AwardDecisionPage'));
const BlocksPage = lazy(() => import('../features/block/BlocksPage'));
const BlockPage = lazy(() => import('../features/block/BlockPage'));
const BlockFormPage = lazy(() => import('../features/block/BlockFormPage'));
const CovenantPage = lazy(() => import('../features/emulation-year/CovenantPage'));
const SignPage = lazy(() => import('../features/emulation-year/SignPage'));
const TitlesPage = lazy(() => import('../features/emulation-year/TitlesPage'));
const CriteriaPage = lazy(() => import('../features/emulation-year/CriteriaPage'));
const SheetsPage = lazy(() => import('../features/emulation-year/SheetsPage'));
const SheetPage = lazy(() => import('../features/emulation-year/SheetPage'));
const BlockYearPage = lazy(() => import('../features/emulation-year/BlockYearPage'));
const YearEndPage = lazy(() => import('../features/year-end/YearEndPage'));
const AdminPage = lazy(() => import('../features/province/AdminPage'));
const RulesPage = lazy(() => import('../features/province/RulesPage'));
const CertificateLayoutPage = lazy(() => import('../features/documents/CertificateLayoutPage'));
const UnitsPage = lazy(() => import('../features/unit/UnitsPage'));
const UnitPage = lazy(() => import('../features/unit/UnitPage'));
const PersonsPage = lazy(() => import('../features/person/PersonsPage'));
const PersonPage = lazy(() => import('../features/person/PersonPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const PlatformAuditPage = lazy(() =>
  import('../features/audit/AuditPage').then((m) => ({ default: m.PlatformAuditPage })),
);
const WebhooksPage = lazy(() => import('../features/notification/WebhooksPage'));
const ProvincesPage = lazy(() => import('../features/platform/ProvincesPage'));
const OnboardPage = lazy(() => import('../features/platform/OnboardPage'));
const ProvinceAccountsPage = lazy(() => import('../features/platform/ProvinceAccountsPage'));
const ImportPage = lazy(() => import('../features/import/ImportPage'));
const ConferencePage = lazy(() => import('../features/conference/ConferencePage'));
const PaperCountPage = lazy(() => import('../features/conference/PaperCountPage'));
const DecisionPage = lazy(() => import('../features/conference/DecisionPage'));
const NominationsPage = lazy(() => import('../features/awards/NominationsPage'));
const CouncilPage = lazy(() => import('../features/awards/CouncilPage'));
const AwardDecisionsPage = lazy(() => import('../features/awards/AwardDecisionsPage'));
const IssueDecisionPage = lazy(() => import('../features/awards/IssueDecisionPage'));
const AwardHistoryPage = lazy(() => import('../features/awards/AwardHistoryPage'));
const HistoryPage = lazy(() => import('../features/history/HistoryPage'));

export function App() {
  const session = useSession();
  return (
    <I18nProvider provinceKind={actingProvinceKind(session)}>
      <ErrorBoundary>
        <Root />
      </ErrorBoundary>
    </I18nProvider>
  );
}

function Root() {
  const session = useSession();
  const [location, navigate] = useLocation();
  const search = useSearch();
  useEffect(() => {
    void resume();
  }, []);
  // `?province=` (app/ProvinceLink.tsx): the page is another province's the session may act in, a former one its
  // province absorbed. The session moves there first (a new tab or a sign-in on the way keeps the parameter).
  const wanted = new URLSearchParams(search).get('province');
  const user = session.status === 'signed-in' ? session.user : null;
  const current = session.provinceId;
  // Once the parameter is applied it leaves the address, so the effect runs on with nothing to do.
  useEffect(() => {
    if (!wanted || !user) return;
    if (wanted !== current && switchableProvinces(user).some((p) => p.id === wanted)) setProvince(wanted);
    const rest = new URLSearchParams(search);
    rest.delete('province');
    navigate(`${location}${rest.size ? `?${rest}` : ''}`, { replace: true });
  }, [wanted, user, current, search, location, navigate]);

  if (session.status === 'loading') return <Loading />;
  if (location === '/sign-in' || ACCOUNT_LINKS.includes(location))
    return (
      <Suspense fallback={<Loading />}>
        <main id="main" className="signin-main">
          {location === '/sign-in' ? <SignInPage /> : <AccountLinks />}
        </main>
      </Suspense>
    );
  if (session.status === 'unreachable') return <Unreachable />;
  if (session.status === 'signed-out') {
    const back = `${location}${search ? `?${search}` : ''}`;
    const params = new URLSearchParams();
    if (back !== '/') params.set('next', back);
    if (session.reason) params.set('reason', session.reason);
    const q = params.toString();
    return <Redirect to={`/sign-in${q ? `?${q}` : ''}`} replace />;
  }
  if (wanted) return <Loading />;
  return <SignedIn key={`${session.user?.id}:${session.provinceId}`} provinceId={session.provinceId} />;
}

function SignedIn({ provinceId }: { provinceId: string | null }) {
  const [link, setLink] = useState<LinkState>({ status: 'connecting', since: null });
  const client = useMemo(() => createClient(provinceId, setLink), [provinceId]);
  const [location] = useLocation();
  const refusal = routeRefusal(useSession(), location);
  const bare = /^\/voting-periods\/[^/]+\/hall$/.test(location);
  const routes = refusal ? (
    <Refused refusal={refusal} />
  ) : (
    <Suspense fallback={<Loading />}>
      <BlockPagesScope>
        <Switch>
          <Route path="/" component={HomePage} />
          <Route path="/voting-periods/:id" component={VotingPeriodPage} />
          <Route path="/voting-periods/:id/ballot" component={BallotPage} />
          <Route path="/voting-periods/:id/hall" component={HallPage} />
          <Route path="/voting-periods/:id/results" component={ResultsPage} />
          <Route path="/voting-periods/:id/paper-count" component={PaperCountPage} />
          <Route path="/voting-periods/:id/decision" component={DecisionPage} />
          <Route path="/notifications" component={InboxPage} />
          <Route path="/account" component={AccountPage} />
          <Route path="/users" component={UsersPage} />
          <Route path="/notifications/preferences" component={PreferencesPage} />
          <Route path="/dashboards" component={DashboardPage} />
          <Route path="/dashboards/:tab" component={DashboardPage} />
          <Route path="/nominations" component={NominationsPage} />
          <Route path="/nominations/:id" component={NominationPage} />
          <Route path="/council" component={CouncilPage} />
          <Route path="/award-decisions" component={AwardDecisionsPage} />
          <Route path="/award-decisions/new" component={IssueDecisionPage} />
          <Route path="/award-decisions/:id" component={AwardDecisionPage} />
          <Route path="/units/:id/awards" component={AwardHistoryPage} />
          <Route path="/persons/:id/awards" component={AwardHistoryPage} />
          <Route path="/persons" component={PersonsPage} />
          <Route path="/persons/:id" component={PersonPage} />
          <Route path="/blocks" component={BlocksPage} />
          <Route path="/blocks/new" component={BlockFormPage} />
          <Route path="/blocks/:blockId" component={BlockPage} />
          <Route path="/blocks/:blockId/edit" component={BlockFormPage} />
          <Route path="/blocks/:blockId/years/:year/covenant" component={CovenantPage} />
          <Route path="/blocks/:blockId/years/:year/sign" component={SignPage} />
          <Route path="/blocks/:blockId/years/:year/titles" component={TitlesPage} />
          <Route path="/blocks/:blockId/years/:year/criteria" component={CriteriaPage} />
          <Route path="/blocks/:blockId/years/:year/sheets" component={SheetsPage} />
          <Route path="/blocks/:blockId/years/:year/sheets/:scorer/:target" component={SheetPage} />
          <Route path="/blocks/:blockId/years/:year" component={BlockYearPage} />
          <Route path="/blocks/:blockId/years/:year/conference" component={ConferencePage} />
          <Route path="/year-end/:year" component={YearEndPage} />
          <Route path="/admin" component={AdminPage} />
          <Route path="/province/rules" component={RulesPage} />
          <Route path="/province/history" component={HistoryPage} />
          <Route path="/province/certificate" component={CertificateLayoutPage} />
          <Route path="/units" component={UnitsPage} />
          <Route path="/units/:id" component={UnitPage} />
          <Route path="/audit" component={AuditPage} />
          <Route path="/webhooks" component={WebhooksPage} />
          <Route path="/platform/provinces" component={ProvincesPage} />
          <Route path="/platform/audit" component={PlatformAuditPage} />
          <Route path="/platform/provinces/new" component={OnboardPage} />
          <Route path="/platform/provinces/:id/accounts" component={ProvinceAccountsPage} />
          <Route path="/import" component={ImportPage} />
          <Route component={NotFound} />
        </Switch>
      </BlockPagesScope>
    </Suspense>
  );
  return (
    <Provider value={client}>
      <LocaleSync />
      <LinkContext.Provider value={link}>
        {bare ? (
          <main id="main" className="hall-main">
            {routes}
          </main>
        ) : (
          <Shell>{routes}</Shell>
        )}
      </LinkContext.Provider>
    </Provider>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <Page title={t('app.notFound')}>
      <p>
        <a href="/">{t('app.home')}</a>
      </p>
    </Page>
  );
}

/** A page the person cannot use: why, in a sentence, instead of a page whose every request is refused. */
function Refused({ refusal }: { refusal: Refusal }) {
  const { t } = useI18n();
  // The ministry's viewers and the platform's admins work in no province: no province's secretariat gives them roles.
  const inProvince = !!useSession().provinceId;
  const [title, help] =
    refusal.reason === 'province'
      ? [t('app.needsProvince'), t('app.needsProvinceHelp')]
      : refusal.reason === 'readOnly'
        ? [t('app.readOnlyTitle'), t('app.readOnly')]
        : [
            t('app.notForRole'),
            t(inProvince ? 'app.notForRoleHelp' : 'app.notForRoleHelpNoProvince', {
              roles: refusal.roles.map((r) => t(`role.${r}`)).join(', '),
            }),
          ];
  return (
    <Page title={title}>
      <p>{help}</p>
      <p>
        <a href="/">{t('app.home')}</a>
      </p>
    </Page>
  );
}

class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <Failed /> : this.props.children;
  }
}

/** The gateway could not say whether the session goes on: nothing is ended, and it is tried again. */
function Unreachable() {
  const { t } = useI18n();
  useEffect(() => {
    const again = () => void resume();
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, []);
  return (
    <main id="main" className="page">
      <h1>{t('app.unreachable')}</h1>
      <p>{t('app.unreachableHelp')}</p>
      <button type="button" className="button" onClick={() => void resume()}>
        {t('app.retry')}
      </button>
    </main>
  );
}

function Failed() {
  const { t } = useI18n();
  return (
    <main id="main" className="page">
      <h1>{t('app.error')}</h1>
      <button type="button" className="button" onClick={() => location.reload()}>
        {t('app.reload')}
      </button>
    </main>
  );
}
