import { Overview } from '@/components/overview/Overview';

export default function Home() {
  return <Overview />;
}
