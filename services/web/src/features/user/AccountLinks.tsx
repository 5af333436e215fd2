import { lazy } from 'react';
import { Provider } from 'urql';
import { useLocation } from 'wouter';
import { publicClient } from './publicClient';

const ForgotPasswordPage = lazy(() => import('./ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('./ResetPasswordPage'));
const InvitationPage = lazy(() => import('./InvitationPage'));

/** The pages reached without signing in, most from an emailed link (App.tsx routes these paths here). */
export default function AccountLinks() {
  const [location] = useLocation();
  return (
    <Provider value={publicClient}>
      {location === '/forgot-password' && <ForgotPasswordPage />}
      {location === '/reset-password' && <ResetPasswordPage />}
      {location === '/invitation' && <InvitationPage />}
    </Provider>
  );
}
