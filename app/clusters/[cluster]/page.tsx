// The same pages for every configured cluster: /clusters/{id}/… shows what the unprefixed
// pages show for the default cluster (components read the cluster from the path).
export { default } from '../../page';
