export { default } from '../../../../../topics/[topic]/configs/page';
