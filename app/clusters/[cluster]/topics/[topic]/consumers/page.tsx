export { default } from '../../../../../topics/[topic]/consumers/page';
