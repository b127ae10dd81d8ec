/** The dashboard's and the credit page's calls (shapes in src/core/api/dashboard.ts and src/core/agreement). */
import type { AgreementReport } from '../../core/agreement';
import type { CreditReport, DashboardQuestions, DatasetDashboard } from '../../core/api';
import { registryFetch, type RegistryTransport } from '../../inference/registryTransport';
import { appStore } from '../../store';

/** The signed-in user's transport. */
const transport = (): RegistryTransport => ({ getToken: () => appStore().getState().session?.token ?? null });

const dataset = (datasetId: string) => `/api/datasets/${encodeURIComponent(datasetId)}`;
const getJson = async <T>(path: string): Promise<T> => (await (await registryFetch(transport(), 'GET', path)).json()) as T;

export const fetchDashboard = (datasetId: string) => getJson<DatasetDashboard>(`${dataset(datasetId)}/dashboard`);
export const fetchQuestionProgress = (datasetId: string) => getJson<DashboardQuestions>(`${dataset(datasetId)}/dashboard/questions`);
export const fetchAgreement = (datasetId: string) => getJson<AgreementReport>(`${dataset(datasetId)}/agreement`);

const creditPath = (userId: string, from: string, to: string, format: 'json' | 'csv') =>
  `/api/credit/${encodeURIComponent(userId)}?from=${from}&to=${to}${format === 'csv' ? '&format=csv' : ''}`;

export const fetchCredit = (userId: string, from: string, to: string) => getJson<CreditReport>(creditPath(userId, from, to, 'json'));

/** The CSV as the server made it, and the file name it proposed. */
export async function fetchCreditCsv(userId: string, from: string, to: string): Promise<{ readonly blob: Blob; readonly fileName: string | null }> {
  const response = await registryFetch(transport(), 'GET', creditPath(userId, from, to, 'csv'));
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? null;
  return { blob: await response.blob(), fileName };
}
