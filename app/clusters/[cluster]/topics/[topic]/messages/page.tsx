export { default } from '../../../../../topics/[topic]/messages/page';
