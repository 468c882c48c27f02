export { default } from '../../../../topics/[topic]/page';
